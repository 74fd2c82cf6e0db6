using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.UnitTests.Common.Ports;

public sealed class NamePatternTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Parse_WhenBlank_IsNoCondition(string? text) =>
        Assert.That(NamePattern.Parse(text), Is.Null);

    [Test]
    public void Parse_WhenPlainText_IsACaseInsensitivePrefix()
    {
        var pattern = NamePattern.Parse(" Fac ")!;

        Assert.That(pattern.IsPrefixSearch, Is.True);
        Assert.That(pattern.Prefix, Is.EqualTo("fac"));
        Assert.That(pattern.Like, Is.EqualTo("fac%"));
        Assert.That(pattern.IsMatch("Facello"), Is.True);
        Assert.That(pattern.IsMatch("FACELLO"), Is.True);
        Assert.That(pattern.IsMatch("Fa"), Is.False);
        Assert.That(pattern.IsMatch("Bifacial"), Is.False);
    }

    [Test]
    public void Parse_WhenItHoldsWildcards_IsTheUsersLikePattern()
    {
        var pattern = NamePattern.Parse("%NAS%")!;

        Assert.That(pattern.IsPrefixSearch, Is.False);
        Assert.That(pattern.Prefix, Is.Empty, "a leading wildcard gives no index range");
        Assert.That(pattern.Like, Is.EqualTo("%nas%"));
        Assert.That(pattern.IsMatch("Thanasis"), Is.True);
        Assert.That(pattern.IsMatch("Nash"), Is.True);
        Assert.That(pattern.IsMatch("Naso"), Is.True);
        Assert.That(pattern.IsMatch("Sluis"), Is.False);
    }

    [Test]
    public void Parse_WhenAnUnderscoreIsGiven_ItStandsForExactlyOneCharacter()
    {
        var pattern = NamePattern.Parse("m_ry")!;

        Assert.That(pattern.Prefix, Is.EqualTo("m"));
        Assert.That(pattern.Like, Is.EqualTo("m_ry"));
        Assert.That(pattern.IsMatch("Mary"), Is.True);
        Assert.That(pattern.IsMatch("Mry"), Is.False);
        Assert.That(pattern.IsMatch("Marys"), Is.False, "no implicit % once the user wrote a pattern");
    }

    [Test]
    public void Parse_WhenAWildcardIsEscaped_ItIsLiteral_AndTheSearchStaysAPrefix()
    {
        var pattern = NamePattern.Parse(@"50\%")!;

        Assert.That(pattern.IsPrefixSearch, Is.True);
        Assert.That(pattern.Prefix, Is.EqualTo("50%"));
        Assert.That(pattern.Like, Is.EqualTo(@"50\%%"));
        Assert.That(pattern.IsMatch("50% off"), Is.True);
        Assert.That(pattern.IsMatch("500"), Is.False);
    }

    [Test]
    public void Parse_WhenABackslashEndsTheText_ItStandsForItself()
    {
        var pattern = NamePattern.Parse(@"a\")!;

        Assert.That(pattern.Like, Is.EqualTo(@"a\\%"));
        Assert.That(pattern.IsMatch(@"a\b"), Is.True);
        Assert.That(pattern.IsMatch("ab"), Is.False);
    }

    [Test]
    public void IsMatch_WithManyWildcards_OnALongName_Answers()
    {
        // No backtracking: this would take ages with a naive regex.
        var pattern = NamePattern.Parse(string.Concat(Enumerable.Repeat("%a", 25)) + "%b")!;

        Assert.That(pattern.IsMatch(new string('a', 10_000)), Is.False);
    }
}
