namespace FastApiLearning.Application.Common.Ports;

/// <summary>Hashes and verifies passwords. Both are deliberately slow, hence asynchronous.</summary>
public interface IPasswordHasher
{
    /// <summary>
    /// A valid hash at the current parameters of a password nobody knows. Verifying against it
    /// costs what a real verification costs, so an unknown user cannot be told apart by timing.
    /// </summary>
    string DummyHash { get; }

    /// <summary>Never throws for a malformed hash: that is a <see cref="PasswordCheck.Failed"/>.</summary>
    ValueTask<PasswordCheck> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken);

    ValueTask<string> HashAsync(string password, CancellationToken cancellationToken);
}
