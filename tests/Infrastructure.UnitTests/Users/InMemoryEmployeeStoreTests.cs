using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Users;

public sealed class InMemoryEmployeeStoreTests
{
    private static readonly PasswordHasher s_hasher = new(Options.Create(new PasswordHashingOptions()));
    private static readonly string s_seedFile = Path.Combine(AppContext.BaseDirectory, "Data", "employees.json");

    private const string UpgradedHash = "$argon2id$v=19$m=65536,t=3,p=1$new-salt$new-hash";

    // As the seed file holds them, with its hashes.
    private static readonly Employee s_beHai =
        SampleEmployees.Behai("$argon2id$v=19$m=19456,t=2,p=1$R1Fi5ctIRz8dM4oKbxa7uw$I2RspsR0nN3XaWI8cSTQMvYlUjc2VbtD0IGn/2d33rw");

    private static readonly Employee s_pranav =
        SampleEmployees.Pranav("$argon2id$v=19$m=19456,t=2,p=1$QORzl1n+S1zdY7Q3J3ClFw$8NwYpoYw23EeSdIlW/rCFkiVRj5b75oOEmIcZklCSjc");

    [Test]
    public void FromFile_WhenSeedFileIsRead_HoldsTheFiveSampleEmployees()
    {
        // Act
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);

        // Assert
        Assert.That(store.Count, Is.EqualTo(5));
    }

    [TestCase(500222, new[] { Scopes.UserRead, Scopes.UserWrite })]
    [TestCase(10198, new[] { Scopes.UserRead })]
    [TestCase(10005, new[] { Scopes.AdminRead, Scopes.AdminWrite })]
    [TestCase(10011, new[] { Scopes.Super })]
    [TestCase(10045, new string[0])]
    public async Task FromFile_WhenSeedFileIsRead_HoldsEachSampleEmployeesGrant(int empNo, string[] scopes)
    {
        // Arrange
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);

        // Act
        var granted = await store.FindGrantedScopesAsync(empNo, CancellationToken.None);

        // Assert
        Assert.That(granted, Is.Not.Null.And.EqualTo(scopes));
    }

    [TestCase(10005, "Kyoichi", "Maliniak", Gender.M, "1955-01-21", "1989-09-12")]
    [TestCase(10011, "Mary", "Sluis", Gender.F, "1953-11-07", "1990-01-22")]
    [TestCase(10045, "Moss", "Shanbhogue", Gender.M, "1957-08-14", "1989-09-02")]
    public async Task FromFile_WhenSeedFileIsRead_HoldsTheNewSampleEmployeesAsTheEmployeesSampleHasThem(
        int empNo, string firstName, string lastName, Gender gender, string birthDate, string hireDate)
    {
        // Arrange
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);
        var email = $"{firstName}.{lastName}.{empNo}@gmail.com".ToLowerInvariant();

        // Act
        var employee = await store.FindByEmailAsync(email, CancellationToken.None);

        // Assert
        Assert.That(employee, Is.EqualTo(new Employee(empNo, email, employee?.PasswordHash ?? "",
            DateOnly.ParseExact(birthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            firstName, lastName, gender, DateOnly.ParseExact(hireDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public void Constructor_WhenAGrantNamesAnUnknownScope_Throws()
    {
        Assert.That(() => new InMemoryEmployeeStore([s_beHai], new Dictionary<int, IReadOnlyList<string>> { [s_beHai.EmpNo] = ["root"] }),
            Throws.ArgumentException.With.Message.Contains("root"));
    }

    [Test]
    public void Constructor_WhenAGrantIsForNobodyInTheData_Throws()
    {
        Assert.That(() => new InMemoryEmployeeStore([s_beHai], new Dictionary<int, IReadOnlyList<string>> { [42] = [Scopes.UserRead] }),
            Throws.InvalidOperationException.With.Message.Contains("42"));
    }

    [Test]
    public async Task FromFile_WhenSeedFileIsRead_FindsBeHaiByNormalizedEmail()
    {
        // Arrange
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);

        // Act
        var employee = await store.FindByEmailAsync("behai_nguyen@hotmail.com", CancellationToken.None);

        // Assert
        Assert.That(employee, Is.EqualTo(s_beHai));
        Assert.That(employee?.FullName, Is.EqualTo("Be Hai Doe"));
    }

    [Test]
    public async Task FromFile_WhenSeedFileIsRead_FindsPranavByNormalizedEmail()
    {
        // Arrange
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);

        // Act
        var employee = await store.FindByEmailAsync("pranav.furedi.10198@gmail.com", CancellationToken.None);

        // Assert
        Assert.That(employee, Is.EqualTo(s_pranav));
        Assert.That(employee?.FullName, Is.EqualTo("Pranav Furedi"));
    }

    [TestCase(500222, "Be Hai Doe")]
    [TestCase(10198, "Pranav Furedi")]
    public async Task FromFile_WhenSeedFileIsRead_FindsEmployeesByEmpNo(int empNo, string fullName)
    {
        // Arrange
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);

        // Act
        var employee = await store.FindByEmpNoAsync(empNo, CancellationToken.None);

        // Assert
        Assert.That(employee?.EmpNo, Is.EqualTo(empNo));
        Assert.That(employee?.FullName, Is.EqualTo(fullName));
    }

    [TestCase("behai_nguyen@hotmail.com")]
    [TestCase("pranav.furedi.10198@gmail.com")]
    [TestCase("kyoichi.maliniak.10005@gmail.com")]
    [TestCase("mary.sluis.10011@gmail.com")]
    [TestCase("moss.shanbhogue.10045@gmail.com")]
    public async Task FromFile_WhenSeedFileIsRead_HashesVerifySamplePassword(string email)
    {
        // Arrange
        var store = InMemoryEmployeeStore.FromFile(s_seedFile);
        var employee = await store.FindByEmailAsync(email, CancellationToken.None);

        // Act
        var check = s_hasher.Verify("password", employee?.PasswordHash ?? "");

        // Assert
        Assert.That(check, Is.EqualTo(PasswordCheck.Succeeded));
    }

    [Test]
    public async Task FindByEmailAsync_WhenEmailIsUnknown_ReturnsNull()
    {
        // Arrange
        var store = new InMemoryEmployeeStore([s_beHai, s_pranav]);

        // Act
        var employee = await store.FindByEmailAsync("nobody@example.com", CancellationToken.None);

        // Assert
        Assert.That(employee, Is.Null);
    }

    [Test]
    public async Task FindByEmpNoAsync_WhenEmpNoIsUnknown_ReturnsNull()
    {
        // Arrange
        var store = new InMemoryEmployeeStore([s_beHai, s_pranav]);

        // Act
        var employee = await store.FindByEmpNoAsync(42, CancellationToken.None);

        // Assert
        Assert.That(employee, Is.Null);
    }

    [Test]
    public async Task FindByEmailAsync_WhenStoredEmailIsNotNormalized_FindsItByNormalizedEmail()
    {
        // Arrange
        var store = new InMemoryEmployeeStore([s_beHai with { Email = "  BeHai_Nguyen@Hotmail.COM " }]);

        // Act
        var employee = await store.FindByEmailAsync("behai_nguyen@hotmail.com", CancellationToken.None);

        // Assert
        Assert.That(employee?.EmpNo, Is.EqualTo(500222));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenEmpNoIsKnown_BothLookupsReturnNewHash()
    {
        // Arrange
        var store = new InMemoryEmployeeStore([s_beHai, s_pranav]);

        // Act
        await store.ReplacePasswordHashAsync(s_beHai.EmpNo, s_beHai.PasswordHash, UpgradedHash, CancellationToken.None);

        // Assert
        var expected = s_beHai with { PasswordHash = UpgradedHash };
        Assert.That(await store.FindByEmailAsync("behai_nguyen@hotmail.com", CancellationToken.None), Is.EqualTo(expected));
        Assert.That(await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(expected));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenEmpNoIsKnown_LeavesOtherEmployeesAlone()
    {
        // Arrange
        var store = new InMemoryEmployeeStore([s_beHai, s_pranav]);

        // Act
        await store.ReplacePasswordHashAsync(s_beHai.EmpNo, s_beHai.PasswordHash, UpgradedHash, CancellationToken.None);

        // Assert
        Assert.That(await store.FindByEmailAsync("pranav.furedi.10198@gmail.com", CancellationToken.None), Is.EqualTo(s_pranav));
        Assert.That(await store.FindByEmpNoAsync(s_pranav.EmpNo, CancellationToken.None), Is.EqualTo(s_pranav));
        Assert.That(store.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenStoredEmailIsNotNormalized_UpdatesTheNormalizedLookup()
    {
        // Arrange
        var stored = s_beHai with { Email = "  BeHai_Nguyen@Hotmail.COM " };
        var store = new InMemoryEmployeeStore([stored]);

        // Act
        await store.ReplacePasswordHashAsync(s_beHai.EmpNo, s_beHai.PasswordHash, UpgradedHash, CancellationToken.None);

        // Assert
        var expected = stored with { PasswordHash = UpgradedHash };
        Assert.That(await store.FindByEmailAsync("behai_nguyen@hotmail.com", CancellationToken.None), Is.EqualTo(expected));
        Assert.That(await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(expected));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenEmpNoIsUnknown_ChangesNothing()
    {
        // Arrange
        var store = new InMemoryEmployeeStore([s_beHai, s_pranav]);

        // Act
        await store.ReplacePasswordHashAsync(42, s_beHai.PasswordHash, UpgradedHash, CancellationToken.None);

        // Assert
        Assert.That(store.Count, Is.EqualTo(2));
        Assert.That(await store.FindByEmpNoAsync(42, CancellationToken.None), Is.Null);
        Assert.That(await store.FindByEmailAsync("behai_nguyen@hotmail.com", CancellationToken.None), Is.EqualTo(s_beHai));
        Assert.That(await store.FindByEmailAsync("pranav.furedi.10198@gmail.com", CancellationToken.None), Is.EqualTo(s_pranav));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenTheHashChangedMeanwhile_KeepsTheNewerOne()
    {
        // Arrange: another login upgraded it first.
        var store = new InMemoryEmployeeStore([s_beHai]);
        await store.ReplacePasswordHashAsync(s_beHai.EmpNo, s_beHai.PasswordHash, UpgradedHash, CancellationToken.None);

        // Act
        var replaced = await store.ReplacePasswordHashAsync(s_beHai.EmpNo, s_beHai.PasswordHash, "$argon2id$v=19$m=65536,t=3,p=1$late$late", CancellationToken.None);

        // Assert
        Assert.That(replaced, Is.False);
        Assert.That((await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None))?.PasswordHash, Is.EqualTo(UpgradedHash));
    }

    [Test]
    public void Constructor_WhenEmailIsDuplicated_Throws()
    {
        // Arrange
        Employee[] employees = [s_beHai, s_pranav with { Email = "BEHAI_NGUYEN@hotmail.com" }];

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => _ = new InMemoryEmployeeStore(employees));

        // Assert
        Assert.That(exception?.Message, Does.Contain("BEHAI_NGUYEN@hotmail.com"));
    }

    [Test]
    public void Constructor_WhenEmpNoIsDuplicated_Throws()
    {
        // Arrange
        Employee[] employees = [s_beHai, s_pranav with { EmpNo = s_beHai.EmpNo }];

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => _ = new InMemoryEmployeeStore(employees));

        // Assert
        Assert.That(exception?.Message, Does.Contain("500222"));
    }

    [Test]
    public void FromFile_WhenFileIsMissing_ThrowsFileNotFoundWithPath()
    {
        // Arrange
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "no-such-employees.json");

        // Act
        var exception = Assert.Throws<FileNotFoundException>(() => InMemoryEmployeeStore.FromFile(path));

        // Assert
        Assert.That(exception?.Message, Does.Contain(path));
        Assert.That(exception?.FileName, Is.EqualTo(path));
    }

    [Test]
    public void FromFile_WhenFileHoldsNull_ThrowsInvalidDataWithPath()
    {
        // Arrange
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "null");

        try
        {
            // Act
            var exception = Assert.Throws<InvalidDataException>(() => InMemoryEmployeeStore.FromFile(path));

            // Assert
            Assert.That(exception?.Message, Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
