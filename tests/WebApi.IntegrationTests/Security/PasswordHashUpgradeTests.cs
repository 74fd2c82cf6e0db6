using System.Net;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>A login with a weak (small Argon2id or bcrypt) hash replaces it with Argon2id at today's parameters.</summary>
public sealed class PasswordHashUpgradeTests
{
    private const string CurrentParameters = "$argon2id$v=19$m=19456,t=2,p=1$";

    // Both of the word "password".
    private const string WeakArgon2 = "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA";
    private const string Bcrypt = "$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6";

    // bcrypt reads 72 bytes: the impostor's password shares them with the owner's 80-byte one.
    private const string Shared72Bytes = "a 72-byte passphrase, the part of it bcrypt reads, and nothing further!!";
    private const string Owner80Bytes = Shared72Bytes + "owner-01";
    private const string Impostor80Bytes = Shared72Bytes + "impostor";
    private const string BcryptOf80Bytes = "$2b$04$.Y2X4fWqoBL21/3D/itsxuBxOFBXE1R8ExLmPB4LFfxCfT5fyDCEy";

    private const string WeakArgon2User = "weak.argon2@example.com";
    private const string BcryptUser = "legacy.bcrypt@example.com";
    private const string LongBcryptUser = "long.bcrypt@example.com";

    private EmployeesFile _employees = null!;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _employees = EmployeesFile.Write(
            (500222, Forms.Behai, "$argon2id$v=19$m=19456,t=2,p=1$R1Fi5ctIRz8dM4oKbxa7uw$I2RspsR0nN3XaWI8cSTQMvYlUjc2VbtD0IGn/2d33rw"),
            (20001, WeakArgon2User, WeakArgon2),
            (20002, BcryptUser, Bcrypt),
            (20003, LongBcryptUser, BcryptOf80Bytes));
        _factory = new ApiFactory(builder => builder.UseSettings(("EmployeeStore:DataFile", _employees.Path)));
        _client = _factory.CreateApiClient();
    }

    [TearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
        _employees.Dispose();
    }

    [TestCase(WeakArgon2User, WeakArgon2)]
    [TestCase(BcryptUser, Bcrypt)]
    public async Task PostToken_WithAWeakHash_LogsInAndStoresArgon2idAtCurrentParameters(string username, string weakHash)
    {
        Assert.That(await StoredHashAsync(username), Is.EqualTo(weakHash), "the seed file was read");

        using var first = await _client.PostAsync("/token", Forms.Login(username, Forms.Password));
        var upgraded = await StoredHashAsync(username);
        using var second = await _client.PostAsync("/token", Forms.Login(username, Forms.Password));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(upgraded, Does.StartWith(CurrentParameters));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new hash verifies the same password");
        Assert.That(await StoredHashAsync(username), Is.EqualTo(upgraded), "a current hash is not replaced again");
    }

    [TestCase(WeakArgon2User, WeakArgon2)]
    [TestCase(BcryptUser, Bcrypt)]
    public async Task PostToken_WithAWeakHashAndAWrongPassword_LeavesTheHashAlone(string username, string weakHash)
    {
        using var response = await _client.PostAsync("/token", Forms.Login(username, "wrong-password"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await StoredHashAsync(username), Is.EqualTo(weakHash));
    }

    [TestCase(Impostor80Bytes)]
    [TestCase(Shared72Bytes)]
    public async Task PostToken_WithAnotherPasswordOfTheSameFirst72Bytes_LogsInButLeavesTheOwnersPasswordWorking(string impostorPassword)
    {
        using var impostor = await _client.PostAsync("/token", Forms.Login(LongBcryptUser, impostorPassword));
        var afterImpostor = await StoredHashAsync(LongBcryptUser);
        using var owner = await _client.PostAsync("/token", Forms.Login(LongBcryptUser, Owner80Bytes));

        Assert.That(impostor.StatusCode, Is.EqualTo(HttpStatusCode.OK), "bcrypt matches the first 72 bytes only");
        Assert.That(afterImpostor, Is.EqualTo(BcryptOf80Bytes), "the impostor's password did not replace the hash");
        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the owner's password still works");
        Assert.That(await StoredHashAsync(LongBcryptUser), Is.EqualTo(BcryptOf80Bytes));
    }

    [Test]
    public async Task PostToken_WithACurrentHash_KeepsIt()
    {
        var before = await StoredHashAsync(Forms.Behai);

        using var response = await _client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StoredHashAsync(Forms.Behai), Is.EqualTo(before));
    }

    private async Task<string?> StoredHashAsync(string email)
    {
        var store = _factory.Services.GetRequiredService<IEmployeeStore>();
        var employee = await store.FindByEmailAsync(email, CancellationToken.None);
        return employee?.PasswordHash;
    }
}
