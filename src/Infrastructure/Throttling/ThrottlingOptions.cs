using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>Brute-force limits of <c>/token</c>. The defaults are the service's documented policy.</summary>
public sealed class ThrottlingOptions
{
    public const string SectionName = "Throttling";

    /// <summary>Off only for load benchmarks, which must measure hashing, not refusals.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Failures for one username before it is locked. They count together while each comes
    /// within <see cref="UsernameWindow"/> + <see cref="MaxBackoff"/> of the last one.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailuresPerUsername { get; set; } = 5;

    public TimeSpan UsernameWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lock; each further failure doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures from one client IP within <see cref="ClientWindow"/>.</summary>
    [Range(1, 100_000)]
    public int MaxFailuresPerClient { get; set; } = 30;

    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(1);
}
