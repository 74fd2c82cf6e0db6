using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>Used only when <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>Put before every key, so that several services (or test runs) can share one Redis.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "fal:";

    /// <summary>The longest a request waits for Redis before it is answered 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout <= TimeSpan.Zero)
        {
            yield return new("Redis:Timeout must be positive.", [nameof(Timeout)]);
        }
    }
}
