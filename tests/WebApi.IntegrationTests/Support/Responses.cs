namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>What the tests compare and look for in an answer's headers.</summary>
public static class Responses
{
    /// <summary>Every header (response and content) as <c>name: value</c>, sorted, without the ones named.</summary>
    public static string[] HeaderLines(HttpResponseMessage response, params string[] except) =>
        [.. AllHeaders(response)
            .Where(header => !except.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            .Select(header => $"{header.Key}: {string.Join(" | ", header.Value)}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Every header name (response and content), sorted, without the ones named.</summary>
    public static string[] HeaderNames(HttpResponseMessage response, params string[] except) =>
        [.. AllHeaders(response)
            .Select(header => header.Key)
            .Where(name => !except.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>The header's values joined, or <c>null</c> when it is absent.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>The <c>Set-Cookie</c> of the session (either name), or <c>null</c>.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(value => value.StartsWith("fal_session=", StringComparison.Ordinal)
                || value.StartsWith("__Host-fal_session=", StringComparison.Ordinal))
            : null;

    private static IEnumerable<KeyValuePair<string, IEnumerable<string>>> AllHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers);
}
