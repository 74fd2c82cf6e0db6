using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.UnitTests.Domain;

public sealed class ScopesTests
{
    [TestCase(Scopes.UserRead, Scopes.UserRead, true)]
    [TestCase(Scopes.UserRead, Scopes.UserWrite, false)]
    [TestCase(Scopes.UserWrite, Scopes.UserRead, true)]
    [TestCase(Scopes.AdminRead, Scopes.UserRead, true)]
    [TestCase(Scopes.AdminRead, Scopes.UserWrite, false)]
    [TestCase(Scopes.AdminRead, Scopes.AdminWrite, false)]
    [TestCase(Scopes.AdminWrite, Scopes.AdminRead, true)]
    [TestCase(Scopes.AdminWrite, Scopes.UserWrite, true)]
    [TestCase(Scopes.AdminWrite, Scopes.Super, false)]
    [TestCase(Scopes.Super, Scopes.AdminWrite, true)]
    [TestCase(Scopes.Super, Scopes.UserRead, true)]
    public void Satisfy_AppliesTheOriginalsInclusions(string held, string required, bool satisfied) =>
        Assert.That(Scopes.Satisfy([held], required), Is.EqualTo(satisfied));

    [Test]
    public void Satisfy_WithNothingHeld_OrAnUnknownName_IsFalse()
    {
        Assert.That(Scopes.Satisfy([], Scopes.UserRead), Is.False);
        Assert.That(Scopes.Satisfy(["user:*"], Scopes.UserRead), Is.False);
    }

    [Test]
    public void IsKnown_IsCaseSensitive() =>
        Assert.That(Scopes.IsKnown("User:Read"), Is.False);

    [Test]
    public void Canonical_KeepsKnownNamesOnceInTheirOrder() =>
        Assert.That(Scopes.Canonical([Scopes.Super, "nope", Scopes.UserRead, Scopes.Super]),
            Is.EqualTo(new[] { Scopes.UserRead, Scopes.Super }));

    [Test]
    public void Default_IsUserRead() =>
        Assert.That(Scopes.Default, Is.EqualTo(new[] { Scopes.UserRead }));
}
