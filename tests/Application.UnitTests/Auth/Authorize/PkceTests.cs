using FastApiLearning.Application.Auth.Authorize;

namespace FastApiLearning.Application.UnitTests.Auth.Authorize;

public sealed class PkceTests
{
    // RFC 7636 Appendix B.
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Test]
    public void ChallengeOf_TheRfcExample_IsTheRfcChallenge() =>
        Assert.That(Pkce.ChallengeOf(RfcVerifier), Is.EqualTo(RfcChallenge));

    [Test]
    public void Matches_WhenTheVerifierHashesToTheChallenge_IsTrue() =>
        Assert.That(Pkce.Matches(RfcVerifier, RfcChallenge), Is.True);

    [TestCase(null)]
    [TestCase("")]
    [TestCase(RfcChallenge)] // "plain": the challenge itself
    [TestCase("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK")]
    public void Matches_WhenTheVerifierIsMissingOrWrong_IsFalse(string? verifier) =>
        Assert.That(Pkce.Matches(verifier, RfcChallenge), Is.False);

    [TestCase(43, true)]
    [TestCase(128, true)]
    [TestCase(42, false)]
    [TestCase(129, false)]
    public void IsWellFormed_ChecksTheLength(int length, bool expected) =>
        Assert.That(Pkce.IsWellFormed(new string('a', length)), Is.EqualTo(expected));

    [TestCase("+")]
    [TestCase("/")]
    [TestCase("=")]
    [TestCase(" ")]
    [TestCase("é")]
    public void IsWellFormed_WithACharacterOutsideTheUnreservedSet_IsFalse(string character) =>
        Assert.That(Pkce.IsWellFormed(new string('a', 42) + character), Is.False);

    [Test]
    public void IsWellFormed_WithEveryUnreservedCharacter_IsTrue() =>
        Assert.That(Pkce.IsWellFormed("ABCXYZabcxyz0189-._~" + new string('a', 30)), Is.True);
}
