namespace FastApiLearning.Application.Auth.Authorize;

/// <summary>What the employee said on the consent page, if they were asked.</summary>
public enum ConsentDecision
{
    NotAsked,
    Allowed,
    Denied,
}
