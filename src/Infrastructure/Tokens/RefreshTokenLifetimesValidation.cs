using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>Refuses to start with refresh-token lifetimes that make no sense (a validator of its own beside <see cref="JwtOptionsSetup"/>'s).</summary>
public sealed class RefreshTokenLifetimesValidation : IValidateOptions<JwtOptions>
{
    /// <summary>The grace only covers requests that left together; longer would let a stolen token slip through.</summary>
    public static readonly TimeSpan MaxBrowserGrace = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (options.RefreshTokenIdleLifetime <= TimeSpan.Zero || options.RefreshTokenAbsoluteLifetime <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Jwt:RefreshTokenIdleLifetime and Jwt:RefreshTokenAbsoluteLifetime must be positive (e.g. 7.00:00:00 and 30.00:00:00).");
        }

        if (options.RefreshTokenIdleLifetime > options.RefreshTokenAbsoluteLifetime)
        {
            return ValidateOptionsResult.Fail(
                $"Jwt:RefreshTokenIdleLifetime ({options.RefreshTokenIdleLifetime}) must not exceed Jwt:RefreshTokenAbsoluteLifetime ({options.RefreshTokenAbsoluteLifetime}).");
        }

        if (options.RefreshTokenBrowserGrace < TimeSpan.Zero || options.RefreshTokenBrowserGrace >= MaxBrowserGrace)
        {
            return ValidateOptionsResult.Fail(
                $"Jwt:RefreshTokenBrowserGrace ({options.RefreshTokenBrowserGrace}) must be at least zero and under a minute (e.g. 00:00:10).");
        }

        return ValidateOptionsResult.Success;
    }
}
