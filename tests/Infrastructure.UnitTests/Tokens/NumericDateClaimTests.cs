using FastApiLearning.Infrastructure.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

public sealed class NumericDateClaimTests
{
    private static IEnumerable<TestCaseData> Payloads()
    {
        yield return new TestCaseData("""{"iat":1735787045,"iat_ms":1735787045123}""", 1735787045.123m)
            .SetName("{m}(IatMsToTheMillisecond)");
        yield return new TestCaseData("""{"iat":1735787045,"iat_ms":1735787045000}""", 1735787045m)
            .SetName("{m}(IatMsOnTheSecond)");
        // Issued before iat became whole seconds: its iat carries the milliseconds.
        yield return new TestCaseData("""{"iat":1735787045.123}""", 1735787045.123m)
            .SetName("{m}(OnlyAFractionalIat)");
        yield return new TestCaseData("""{"iat":1735787045}""", 1735787045m)
            .SetName("{m}(OnlyAWholeIat)");
        yield return new TestCaseData("""{"iat_ms":1735787045123}""", 1735787045.123m)
            .SetName("{m}(OnlyIatMs)");
        // iat_ms is what counts when present: one that is not a number is not replaced by iat.
        yield return new TestCaseData("""{"iat":1735787045,"iat_ms":"1735787045123"}""", null)
            .SetName("{m}(IatMsNotANumber)");
        yield return new TestCaseData("""{"sub":"500222"}""", null)
            .SetName("{m}(NoIat)");
        yield return new TestCaseData("""{"nested":{"iat_ms":1},"iat":1735787045}""", 1735787045m)
            .SetName("{m}(IatMsOnlyInsideAnotherClaim)");
    }

    [TestCaseSource(nameof(Payloads))]
    public void IssuedAt_ReadsTheInstantToTheMillisecond(string payload, decimal? expected)
    {
        // Arrange
        var token = new JsonWebToken("""{"alg":"HS256","typ":"JWT"}""", payload);

        // Act
        var issuedAt = NumericDateClaim.IssuedAt(token);

        // Assert
        Assert.That(issuedAt, Is.EqualTo(expected));
    }

    [Test]
    public void Read_OfIat_GivesTheWholeSecondsEvenWhenIatMsIsThere()
    {
        // Arrange
        var token = new JsonWebToken("""{"alg":"HS256","typ":"JWT"}""", """{"iat":1735787045,"iat_ms":1735787045999}""");

        // Act
        var iat = NumericDateClaim.Read(token, TokenClaimNames.IssuedAt);

        // Assert
        Assert.That(iat, Is.EqualTo(1735787045m));
    }
}
