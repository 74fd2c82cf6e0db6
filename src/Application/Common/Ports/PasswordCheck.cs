namespace FastApiLearning.Application.Common.Ports;

public enum PasswordCheck
{
    Failed,
    Succeeded,

    /// <summary>The password matched a hash that is weaker than the current parameters.</summary>
    SucceededNeedsUpgrade,
}
