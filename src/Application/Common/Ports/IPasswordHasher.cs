namespace FastApiLearning.Application.Common.Ports;

/// <summary>Hashes and verifies passwords. Both are deliberately slow, hence asynchronous.</summary>
public interface IPasswordHasher
{
    /// <summary>
    /// A valid hash at the current parameters of a password nobody knows. Verifying against it
    /// costs what a real verification costs, so an unknown user cannot be told apart by timing.
    /// </summary>
    string DummyHash { get; }

    /// <summary>
    /// Never throws for a malformed hash, or for a string that is no hash at all
    /// (<c>Employee.NoPassword</c>): that is a <see cref="PasswordCheck.Failed"/>.
    /// </summary>
    ValueTask<PasswordCheck> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken);

    ValueTask<string> HashAsync(string password, CancellationToken cancellationToken);

    /// <summary>
    /// Wraps a legacy hash (bcrypt, or Argon2 weaker than today's) in an Argon2id layer at today's
    /// parameters, without the password (hash layering): verifying the result costs at least what
    /// <see cref="DummyHash"/> costs, so timing no longer tells such a user from an unknown one. The
    /// same password verifies, as <see cref="PasswordCheck.SucceededNeedsUpgrade"/>.
    /// </summary>
    /// <returns>
    /// The wrapped hash, or null when there is nothing to wrap: a hash at today's parameters, one
    /// already wrapped, <c>Employee.NoPassword</c>, or anything malformed.
    /// </returns>
    ValueTask<string?> WrapLegacyAsync(string passwordHash, CancellationToken cancellationToken);
}
