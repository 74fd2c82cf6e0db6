using NUnit.Framework;

namespace FastApiLearning.TestSupport.Logging;

/// <summary>What every test of the security log checks the same way.</summary>
public static class SecurityLogAssert
{
    /// <summary>Something was logged, and no event carries any of <paramref name="secrets"/> anywhere (message, values, exception, scopes).</summary>
    public static void NeverContains(IEnumerable<CapturedLog> entries, params string[] secrets)
    {
        var all = entries.ToList();
        Assert.That(all, Is.Not.Empty, "nothing was logged, so nothing was checked");
        foreach (var secret in secrets)
        {
            Assert.That(all.Where(entry => entry.Contains(secret)), Is.Empty, $"an event carries the secret '{secret}'");
        }
    }
}
