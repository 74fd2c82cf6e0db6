using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Auth.Authorize;

/// <summary>What an authorization request comes to. Every outcome is a value; only the endpoint picks the answer.</summary>
public abstract record AuthorizeResult
{
    private AuthorizeResult()
    {
    }

    public static AuthorizeResult LoginRequired { get; } = new NeedsLogin();

    /// <summary>No session: the employee logs in first, then the request is made again.</summary>
    public sealed record NeedsLogin : AuthorizeResult;

    /// <summary>A client that is not ours: the employee is asked whether it may have <paramref name="Scopes"/>.</summary>
    public sealed record ConsentRequired(OAuthClient Client, IReadOnlyList<Scope> Scopes) : AuthorizeResult;

    /// <summary>The employee said no on the consent page.</summary>
    public sealed record Denied : AuthorizeResult
    {
        public string Message => "The user denied the request";
    }

    /// <summary>Nothing asked for is both allowed to the client and held by the employee.</summary>
    public sealed record ScopeRefused : AuthorizeResult
    {
        public string Message => "None of the requested scopes is both allowed to this client and granted to this user";
    }

    /// <summary>The code to hand the client (shown once; stored only as its hash).</summary>
    public sealed record CodeIssued(string Code) : AuthorizeResult;
}
