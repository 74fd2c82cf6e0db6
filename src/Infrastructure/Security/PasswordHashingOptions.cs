using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>Argon2id parameters for new hashes. The defaults are OWASP's (m=19 MiB, t=2, p=1).</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";

    [Range(1, 100)]
    public int Iterations { get; set; } = 2;

    // At most 1 GiB: Argon2's memory is passed on in bytes as an int.
    [Range(8, 1024 * 1024)]
    public int MemoryKiB { get; set; } = 19456;

    /// <summary>Hashes computed at once; 0 means one per processor.</summary>
    [Range(0, 1024)]
    public int MaxConcurrency { get; set; }

    /// <summary>Logins that may wait for a hashing slot; more are answered 503 at once.</summary>
    [Range(0, 100_000)]
    public int MaxQueue { get; set; } = 256;

    /// <summary>
    /// Linux nice value of the hashing threads (0 normal, 19 lowest): under contention the kernel
    /// then favours requests such as <c>/users/me</c> over queued logins.
    /// </summary>
    [Range(0, 19)]
    public int ThreadNiceness { get; set; } = 1;

    public int EffectiveMaxConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;
}
