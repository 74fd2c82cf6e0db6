namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// The inner layer of a wrapped hash (<see cref="WrappedHash"/>): a legacy algorithm with its
/// parameters and salt but not its hash, enough to recompute the legacy hash of a password for the
/// outer Argon2id layer to verify.
/// </summary>
internal abstract class LegacyHash
{
    /// <summary>The algorithm, parameters and salt as the wrapped format writes them, between two <c>$</c>.</summary>
    public abstract string Descriptor { get; }

    /// <summary>bcrypt reads only 72 bytes of a password, wrapped or not.</summary>
    public abstract bool IsBcrypt { get; }

    /// <summary>
    /// The legacy hash of <paramref name="password"/>, as the outer layer takes it: the bytes that
    /// the stored legacy hash held (<see cref="BcryptLegacyHash"/>, <see cref="Argon2LegacyHash"/> say which).
    /// </summary>
    public abstract byte[] Compute(string password);
}
