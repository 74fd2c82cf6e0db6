namespace FastApiLearning.WebApi.Errors;

/// <summary>Marks an endpoint whose failures must keep RFC 6749's error shape.</summary>
public sealed class OAuthTokenEndpointMetadata
{
    public static OAuthTokenEndpointMetadata Instance { get; } = new();
}
