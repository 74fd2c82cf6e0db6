using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.WebApi.Http;

/// <summary>Which origins may post a password or a logout to this service (see <see cref="CrossSiteRequests"/>).</summary>
public sealed class OriginOptions : IValidatableObject
{
    public const string SectionName = "App";

    /// <summary>
    /// This service's origin as browsers see it (<c>https://login.example.com</c>). Unset, it is taken
    /// from the request, scheme and host as a trusted proxy forwards them.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Other origins whose pages may post the login form (first-party sites of the same owner).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicOrigin) && CrossSiteRequests.Normalize(PublicOrigin) is null)
        {
            yield return new($"App:PublicOrigin '{PublicOrigin}' is not an origin such as https://login.example.com (scheme, host, optional port; no path).");
        }

        foreach (var origin in AllowedOrigins.Where(o => CrossSiteRequests.Normalize(o) is null))
        {
            yield return new($"App:AllowedOrigins has '{origin}', which is not an origin such as https://www.example.com.");
        }
    }
}
