using BenchmarkDotNet.Attributes;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Bench.Micro;

/// <summary>
/// One <see cref="PasswordHasher.Verify"/> of a correct password, per algorithm and parameters.
/// The time of one call bounds the logins per second a core can do.
/// </summary>
[MemoryDiagnoser]
public class PasswordVerifyBenchmarks
{
    /// <summary>argon2-cffi style vector with tiny parameters (m=16 KiB, t=2, p=1) of "password".</summary>
    private const string Argon2idM16 = "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA";

    /// <summary>bcrypt cost 10 of "password".</summary>
    private const string BcryptCost10 = "$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6";

    /// <summary>bcrypt cost 12 of "secret".</summary>
    private const string BcryptCost12 = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";

    /// <summary>argon2-cffi style vector with weak parameters (m=4096 KiB, t=1) and its default 4 lanes, of "password".</summary>
    private const string Argon2idM4096P4 =
        "$argon2id$v=19$m=4096,t=1,p=4$cSwvAgI5RTvSaTjEjsr5Tg$YYfzJWeFeu92hcJJMYwIbYpaeSfx6XFrpJVmcp8xgg4";

    /// <summary>The same with one lane: libsodium recomputes it when wrapped, not the managed Argon2.</summary>
    private const string Argon2idM4096P1 =
        "$argon2id$v=19$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM";

    private PasswordHasher _hasher = null!;
    private string _argon2idCurrent = "";
    private string _wrappedBcrypt10 = "";
    private string _wrappedArgon2idM4096P1 = "";
    private string _wrappedArgon2idM4096P4 = "";

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions()));
        _argon2idCurrent = _hasher.Hash("password");
        _wrappedBcrypt10 = _hasher.WrapLegacy(BcryptCost10) ?? throw new InvalidOperationException("bcrypt 10 did not wrap.");
        _wrappedArgon2idM4096P1 = _hasher.WrapLegacy(Argon2idM4096P1) ?? throw new InvalidOperationException("Argon2id m=4096,p=1 did not wrap.");
        _wrappedArgon2idM4096P4 = _hasher.WrapLegacy(Argon2idM4096P4) ?? throw new InvalidOperationException("Argon2id m=4096,p=4 did not wrap.");

        // A benchmark of a failing verify would measure the wrong thing.
        Expect(_hasher.Verify("password", _argon2idCurrent), PasswordCheck.Succeeded, "Argon2id (current)");
        Expect(_hasher.Verify("password", Argon2idM16), PasswordCheck.SucceededNeedsUpgrade, "Argon2id m=16");
        Expect(_hasher.Verify("password", BcryptCost10), PasswordCheck.SucceededNeedsUpgrade, "bcrypt 10");
        Expect(_hasher.Verify("secret", BcryptCost12), PasswordCheck.SucceededNeedsUpgrade, "bcrypt 12");
        Expect(_hasher.Verify("password", _wrappedBcrypt10), PasswordCheck.SucceededNeedsUpgrade, "wrapped bcrypt 10");
        Expect(_hasher.Verify("password", _wrappedArgon2idM4096P1), PasswordCheck.SucceededNeedsUpgrade, "wrapped Argon2id m=4096,p=1");
        Expect(_hasher.Verify("password", _wrappedArgon2idM4096P4), PasswordCheck.SucceededNeedsUpgrade, "wrapped Argon2id m=4096,p=4");
    }

    /// <summary>The parameters new hashes get (OWASP: m=19456 KiB, t=2, p=1).</summary>
    [Benchmark(Baseline = true, Description = "Argon2id m=19456,t=2,p=1 (current)")]
    public PasswordCheck Argon2idCurrent() => _hasher.Verify("password", _argon2idCurrent);

    [Benchmark(Description = "Argon2id m=16,t=2,p=1")]
    public PasswordCheck Argon2idTiny() => _hasher.Verify("password", Argon2idM16);

    [Benchmark(Description = "bcrypt cost 10")]
    public PasswordCheck Bcrypt10() => _hasher.Verify("password", BcryptCost10);

    [Benchmark(Description = "bcrypt cost 12")]
    public PasswordCheck Bcrypt12() => _hasher.Verify("secret", BcryptCost12);

    [Benchmark(Description = "Argon2id m=4096,t=1,p=1")]
    public PasswordCheck Argon2idM4096() => _hasher.Verify("password", Argon2idM4096P1);

    // Wrapped legacy hashes: the legacy hash plus one current Argon2id, never less than the baseline.
    [Benchmark(Description = "wrapped bcrypt cost 10")]
    public PasswordCheck WrappedBcrypt10() => _hasher.Verify("password", _wrappedBcrypt10);

    [Benchmark(Description = "wrapped Argon2id m=4096,t=1,p=1 (libsodium inside)")]
    public PasswordCheck WrappedArgon2idM4096P1() => _hasher.Verify("password", _wrappedArgon2idM4096P1);

    [Benchmark(Description = "wrapped Argon2id m=4096,t=1,p=4 (managed Argon2 inside)")]
    public PasswordCheck WrappedArgon2idM4096P4() => _hasher.Verify("password", _wrappedArgon2idM4096P4);

    private static void Expect(PasswordCheck actual, PasswordCheck expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what}: Verify gave {actual}, expected {expected}.");
        }
    }
}
