using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>Brute-force limits of <c>/token</c>. The defaults are the service's documented policy.</summary>
public sealed class ThrottlingOptions : IValidatableObject
{
    public const string SectionName = "Throttling";

    /// <summary>Off only for load benchmarks, which must measure hashing, not refusals.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Attempts for one username (or one trusted device) before it is locked. An attempt counts from
    /// before its password is checked; a successful one is given back. They count together while
    /// each comes within <see cref="UsernameWindow"/> + <see cref="MaxBackoff"/> of the last one.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailuresPerUsername { get; set; } = 5;

    public TimeSpan UsernameWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lock; each further failure doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts (not given back by a success) from one client address within <see cref="ClientWindow"/>.</summary>
    [Range(1, 100_000)]
    public int MaxFailuresPerClient { get; set; } = 30;

    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most counters one process keeps in memory (without Redis). Keys are at most a few hundred
    /// bytes (usernames are at most 255 characters), so this bounds the store's memory.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedCounters { get; set; } = 50_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(UsernameWindow), UsernameWindow), (nameof(ClientWindow), ClientWindow), (nameof(InitialBackoff), InitialBackoff),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new($"Throttling:{name} must be positive.", [name]);
            }
        }

        if (MaxBackoff < InitialBackoff)
        {
            yield return new("Throttling:MaxBackoff must be at least Throttling:InitialBackoff.", [nameof(MaxBackoff)]);
        }
    }
}
