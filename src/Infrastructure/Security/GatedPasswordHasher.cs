using FastApiLearning.Application.Common.Ports;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// The password hasher behind a <see cref="WorkGate"/>: every Argon2id or bcrypt computation,
/// the dummy verification, rehashes and wrappings included, waits for a slot without holding a thread.
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

    // Most stored hashes are current or none (Employee.NoPassword): those are told apart without a
    // trip through the gate, as the wrapping command walks every employee.
    public ValueTask<string?> WrapLegacyAsync(string passwordHash, CancellationToken cancellationToken) =>
        hasher.IsWrappable(passwordHash)
            ? _gate.RunAsync(() => hasher.WrapLegacy(passwordHash), cancellationToken)
            : ValueTask.FromResult<string?>(null);

    public void Dispose() => _gate.Dispose();
}
