namespace FastApiLearning.Application.Common.Exceptions;

/// <summary>
/// Something the request needs is saturated or out of reach for now (the password-hashing queue
/// is full, the session store does not answer). The caller should retry later: HTTP 503 with
/// <c>Retry-After</c>, never a 500 and never a silent skip of a check.
/// </summary>
public sealed class ResourceUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
