using FastApiLearning.Application.Common.Ports;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// The password hasher behind a <see cref="WorkGate"/>: every Argon2id or bcrypt computation,
/// the dummy verification and rehashes included, waits for a slot without holding a thread.
/// </summary>
public sealed class GatedPasswordHasher(PasswordHasher hasher, IOptions<PasswordHashingOptions> options)
    : IPasswordHasher, IDisposable
{
    private readonly WorkGate _gate = new(options.Value.EffectiveMaxConcurrency, options.Value.MaxQueue, options.Value.ThreadNiceness);

    public string DummyHash => hasher.DummyHash;

    public ValueTask<PasswordCheck> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken) =>
        _gate.RunAsync(() => hasher.Verify(password, passwordHash), cancellationToken);

    public ValueTask<string> HashAsync(string password, CancellationToken cancellationToken) =>
        _gate.RunAsync(() => hasher.Hash(password), cancellationToken);

    public void Dispose() => _gate.Dispose();
}
