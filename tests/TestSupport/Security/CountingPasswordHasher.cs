using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.TestSupport.Security;

/// <summary>The app's real hasher, counting the passwords it verified: what a burst must not get past.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
{
    private int _verified;

    public int Verified => Volatile.Read(ref _verified);

    public string DummyHash => inner.DummyHash;

    public ValueTask<PasswordCheck> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _verified);
        return inner.VerifyAsync(password, passwordHash, cancellationToken);
    }

    public ValueTask<string> HashAsync(string password, CancellationToken cancellationToken) => inner.HashAsync(password, cancellationToken);

    public ValueTask<string?> WrapLegacyAsync(string passwordHash, CancellationToken cancellationToken) =>
        inner.WrapLegacyAsync(passwordHash, cancellationToken);
}
