using FastApiLearning.Application.Auth.Sessions;

namespace FastApiLearning.Application.Auth.RedeemCode;

/// <summary>What a code redemption comes to. Every failure is a value; only the endpoint picks a status.</summary>
public abstract record RedeemCodeResult
{
    private RedeemCodeResult()
    {
    }

    public sealed record Redeemed(IssuedTokens Tokens) : RedeemCodeResult;

    /// <summary>The client is unknown, or did not prove it is who it says (a confidential client's secret).</summary>
    public sealed record ClientRefused(string Message) : RedeemCodeResult;

    /// <summary>The code is unknown, used, expired, another client's or redirect URI's, or the verifier does not match.</summary>
    public sealed record CodeRefused(string Message) : RedeemCodeResult;
}
