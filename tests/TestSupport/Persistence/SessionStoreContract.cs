using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using NUnit.Framework;

namespace FastApiLearning.TestSupport.Persistence;

/// <summary>
/// What every provider promises for refresh tokens (<see cref="IRefreshTokenStore"/>) and authorization codes
/// (<see cref="IAuthorizationCodeStore"/>), run against each one (memory, SQLite in Infrastructure.UnitTests,
/// PostgreSQL in its own test project), so that all three answer the same. Instants are whole milliseconds:
/// the databases keep no finer ones.
/// </summary>
public abstract class SessionStoreContract
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 12, 0, 0, 125, TimeSpan.Zero);
    private static readonly Employee s_beHai = SampleEmployees.Behai();
    private static readonly Employee s_pranav = SampleEmployees.Pranav();

    /// <summary>
    /// One provider's stores over one set of tables. <paramref name="RefreshTokensElsewhere"/> and
    /// <paramref name="CodesElsewhere"/> reach the same tables as another instance would (its own connections;
    /// the memory stores are one process, so the same objects).
    /// </summary>
    public sealed record Stores(
        IEmployeeStore Employees,
        IRefreshTokenStore RefreshTokens,
        IAuthorizationCodeStore Codes,
        IRefreshTokenStore RefreshTokensElsewhere,
        IAuthorizationCodeStore CodesElsewhere);

    /// <summary>New, empty stores with exactly <paramref name="employees"/>, whose purges read <paramref name="clock"/>.</summary>
    protected abstract Task<Stores> CreateAsync(TimeProvider clock, params Employee[] employees);

    // --- Refresh tokens ---

    [Test]
    public async Task StartFamilyAsync_ThenFindAsync_ReturnsTheTokenWithItsFamily()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var family = Family(s_beHai, clientId: "", scopes: [Scopes.UserWrite, Scopes.UserRead, Scopes.UserWrite]);
        var hash = TokenHandles.Hash(TokenHandles.New());

        await stores.RefreshTokens.StartFamilyAsync(family, hash, s_start.AddDays(7), CancellationToken.None);
        var found = await stores.RefreshTokensElsewhere.FindAsync(hash, CancellationToken.None);

        // Scopes come back canonical: in Scopes.All's order, once each.
        var expected = new RefreshTokenRecord(hash, family with { Scopes = [Scopes.UserRead, Scopes.UserWrite] }, s_start, s_start.AddDays(7));
        Assert.That(found, Is.Not.Null);
        Assert.That(Shape(found!), Is.EqualTo(Shape(expected)));
    }

    [Test]
    public async Task UseAsync_OfAnUnusedToken_IsFirst_WithTheRecordAsItWas_AndMarksItUsed()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (family, hash) = await StartAsync(stores, s_beHai);
        var now = s_start.AddMinutes(30);

        var redemption = await stores.RefreshTokens.UseAsync(hash, now, CancellationToken.None);
        var found = await stores.RefreshTokens.FindAsync(hash, CancellationToken.None);

        Assert.That(redemption.IsFirst, Is.True);
        Assert.That(Shape(redemption.Record!), Is.EqualTo(Shape(new RefreshTokenRecord(hash, family, s_start, s_start.AddDays(7)))));
        Assert.That(found!.UsedAt, Is.EqualTo(now));
    }

    [Test]
    public async Task UseAsync_OfAUsedToken_IsNotFirst_AndSaysWhenItWasUsed()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (_, hash) = await StartAsync(stores, s_beHai);
        var firstUse = s_start.AddMinutes(30);
        await stores.RefreshTokens.UseAsync(hash, firstUse, CancellationToken.None);

        var reuse = await stores.RefreshTokensElsewhere.UseAsync(hash, firstUse.AddMinutes(5), CancellationToken.None);

        Assert.That(reuse.IsFirst, Is.False);
        Assert.That(reuse.Record!.UsedAt, Is.EqualTo(firstUse));
        Assert.That(reuse.Record.Family.RevokedAt, Is.Null, "revoking is the caller's decision");
    }

    [Test]
    public async Task AddAsync_TheSuccessor_IsInTheSameFamily_AndUsableOnce()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (family, hash) = await StartAsync(stores, s_beHai);
        var rotatedAt = s_start.AddHours(1);
        await stores.RefreshTokens.UseAsync(hash, rotatedAt, CancellationToken.None);
        var successor = TokenHandles.Hash(TokenHandles.New());

        await stores.RefreshTokens.AddAsync(family.FamilyId, successor, rotatedAt, rotatedAt.AddDays(7), CancellationToken.None);
        var found = await stores.RefreshTokensElsewhere.FindAsync(successor, CancellationToken.None);
        var first = await stores.RefreshTokens.UseAsync(successor, rotatedAt.AddHours(1), CancellationToken.None);
        var second = await stores.RefreshTokens.UseAsync(successor, rotatedAt.AddHours(2), CancellationToken.None);

        Assert.That(Shape(found!), Is.EqualTo(Shape(new RefreshTokenRecord(successor, family, rotatedAt, rotatedAt.AddDays(7)))));
        Assert.That((first.IsFirst, second.IsFirst), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task UseAsync_WhenTheFamilyIsRevoked_IsNotFirst_AndLeavesTheTokenUnused()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (family, hash) = await StartAsync(stores, s_beHai);
        var revokedAt = s_start.AddMinutes(10);
        await stores.RefreshTokens.RevokeFamilyAsync(family.FamilyId, revokedAt, CancellationToken.None);

        var redemption = await stores.RefreshTokensElsewhere.UseAsync(hash, s_start.AddMinutes(20), CancellationToken.None);

        Assert.That(redemption.IsFirst, Is.False);
        Assert.That(redemption.Record!.UsedAt, Is.Null);
        Assert.That(redemption.Record.Family.RevokedAt, Is.EqualTo(revokedAt));
    }

    [Test]
    public async Task UseAsync_ByCallersRacingOnSeveralConnections_LetsExactlyOneBeFirst()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (_, hash) = await StartAsync(stores, s_beHai);

        // Each call takes a connection of its own, half of them through the other instance's pool.
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? stores.RefreshTokens : stores.RefreshTokensElsewhere).UseAsync(hash, s_start.AddMinutes(i), CancellationToken.None)));
        var redemptions = await Task.WhenAll(racers);

        Assert.That(redemptions.Count(r => r.IsFirst), Is.EqualTo(1));
        Assert.That(redemptions.Where(r => !r.IsFirst).Select(r => r.Record!.UsedAt), Is.All.Not.Null);
    }

    [Test]
    public async Task UseAsync_OfAnExpiredToken_IsStillFirst_ForTheCallerJudgesExpiry()
    {
        var clock = new ManualClock(s_start);
        var stores = await CreateAsync(clock, s_beHai);
        var (_, hash) = await StartAsync(stores, s_beHai);
        clock.Now = s_start.AddDays(8);

        var redemption = await stores.RefreshTokens.UseAsync(hash, clock.Now, CancellationToken.None);

        Assert.That(redemption.IsFirst, Is.True);
        Assert.That(redemption.Record!.ExpiresAt, Is.LessThan(clock.Now));
    }

    [Test]
    public async Task UseAsyncAndFindAsync_OfAnUnknownHash_ReturnNothing()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        await StartAsync(stores, s_beHai);
        var unknown = TokenHandles.Hash(TokenHandles.New());

        var redemption = await stores.RefreshTokens.UseAsync(unknown, s_start, CancellationToken.None);
        var found = await stores.RefreshTokens.FindAsync(unknown, CancellationToken.None);

        Assert.That(redemption, Is.EqualTo(new Redemption<RefreshTokenRecord>(null, false)));
        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task RevokeFamilyAsync_RevokesEveryTokenOfTheFamily_OnceOnly()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (family, hash) = await StartAsync(stores, s_beHai);
        var (other, otherHash) = await StartAsync(stores, s_beHai);
        await stores.RefreshTokens.UseAsync(hash, s_start.AddMinutes(1), CancellationToken.None);
        var successor = TokenHandles.Hash(TokenHandles.New());
        await stores.RefreshTokens.AddAsync(family.FamilyId, successor, s_start.AddMinutes(1), s_start.AddDays(7), CancellationToken.None);
        var revokedAt = s_start.AddMinutes(2);

        var first = await stores.RefreshTokens.RevokeFamilyAsync(family.FamilyId, revokedAt, CancellationToken.None);
        var again = await stores.RefreshTokensElsewhere.RevokeFamilyAsync(family.FamilyId, revokedAt.AddMinutes(1), CancellationToken.None);
        var missing = await stores.RefreshTokens.RevokeFamilyAsync(TokenHandles.NewFamilyId(), revokedAt, CancellationToken.None);

        Assert.That((first, again, missing), Is.EqualTo((true, false, false)));
        Assert.That((await stores.RefreshTokens.FindAsync(hash, CancellationToken.None))!.Family.RevokedAt, Is.EqualTo(revokedAt));
        Assert.That((await stores.RefreshTokens.FindAsync(successor, CancellationToken.None))!.Family.RevokedAt, Is.EqualTo(revokedAt));
        Assert.That((await stores.RefreshTokens.FindAsync(otherHash, CancellationToken.None))!.Family.RevokedAt, Is.Null, $"another family ({other.FamilyId})");
    }

    // --- Authorization codes ---

    [Test]
    public async Task RedeemAsync_Once_IsFirst_WithTheRecordAsAdded()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var code = Code(s_beHai);
        await stores.Codes.AddAsync(code, CancellationToken.None);

        var redemption = await stores.CodesElsewhere.RedeemAsync(code.CodeHash, s_start.AddSeconds(5), CancellationToken.None);

        Assert.That(redemption.IsFirst, Is.True);
        Assert.That(Shape(redemption.Record!), Is.EqualTo(Shape(code)));
    }

    [Test]
    public async Task RedeemAsync_AReplay_IsNotFirst_WithTheRecordAndWhenItWasFirstUsed()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var code = Code(s_beHai);
        await stores.Codes.AddAsync(code, CancellationToken.None);
        var firstUse = s_start.AddSeconds(5);
        await stores.Codes.RedeemAsync(code.CodeHash, firstUse, CancellationToken.None);

        var replay = await stores.CodesElsewhere.RedeemAsync(code.CodeHash, firstUse.AddSeconds(1), CancellationToken.None);

        Assert.That(replay.IsFirst, Is.False);
        Assert.That(Shape(replay.Record!), Is.EqualTo(Shape(code with { UsedAt = firstUse })), "the family it started is named, for the caller to revoke");
    }

    [Test]
    public async Task RedeemAsync_AReplay_MarksTheCodeReplayed_KeepingTheFirstReplaysInstant()
    {
        // A redemption that started its family before the replay looked reads the mark afterwards.
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var code = Code(s_beHai);
        await stores.Codes.AddAsync(code, CancellationToken.None);
        var firstUse = s_start.AddSeconds(5);
        await stores.Codes.RedeemAsync(code.CodeHash, firstUse, CancellationToken.None);
        var afterRedemption = await stores.CodesElsewhere.FindAsync(code.CodeHash, CancellationToken.None);

        await stores.CodesElsewhere.RedeemAsync(code.CodeHash, firstUse.AddSeconds(1), CancellationToken.None);
        await stores.Codes.RedeemAsync(code.CodeHash, firstUse.AddSeconds(2), CancellationToken.None);

        Assert.That(afterRedemption?.ReplayedAt, Is.Null, "a redemption is no replay");
        var found = await stores.Codes.FindAsync(code.CodeHash, CancellationToken.None);
        Assert.That(Shape(found!), Is.EqualTo(Shape(code with { UsedAt = firstUse, ReplayedAt = firstUse.AddSeconds(1) })));
    }

    [Test]
    public async Task FindAsync_OfAnUnusedCode_ReturnsItAsAdded_AndOfAnUnknownHash_Nothing()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var code = Code(s_beHai);
        await stores.Codes.AddAsync(code, CancellationToken.None);

        var found = await stores.CodesElsewhere.FindAsync(code.CodeHash, CancellationToken.None);
        var unknown = await stores.Codes.FindAsync(TokenHandles.Hash(TokenHandles.New()), CancellationToken.None);

        Assert.That(Shape(found!), Is.EqualTo(Shape(code)));
        Assert.That(unknown, Is.Null);
    }

    [Test]
    public async Task RedeemAsync_ByCallersRacingOnSeveralConnections_LetsExactlyOneBeFirst()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var code = Code(s_beHai);
        await stores.Codes.AddAsync(code, CancellationToken.None);

        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? stores.Codes : stores.CodesElsewhere).RedeemAsync(code.CodeHash, s_start.AddSeconds(i), CancellationToken.None)));
        var redemptions = await Task.WhenAll(racers);

        Assert.That(redemptions.Count(r => r.IsFirst), Is.EqualTo(1));
    }

    [Test]
    public async Task RedeemAsync_OfAnExpiredCode_IsStillFirst_ForTheCallerJudgesExpiry()
    {
        var clock = new ManualClock(s_start);
        var stores = await CreateAsync(clock, s_beHai);
        var code = Code(s_beHai);
        await stores.Codes.AddAsync(code, CancellationToken.None);
        clock.Now = code.ExpiresAt.AddMinutes(5);

        var redemption = await stores.Codes.RedeemAsync(code.CodeHash, clock.Now, CancellationToken.None);

        Assert.That(redemption.IsFirst, Is.True);
    }

    [Test]
    public async Task RedeemAsync_OfAnUnknownHash_ReturnsNothing()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        await stores.Codes.AddAsync(Code(s_beHai), CancellationToken.None);

        var redemption = await stores.Codes.RedeemAsync(TokenHandles.Hash(TokenHandles.New()), s_start, CancellationToken.None);

        Assert.That(redemption, Is.EqualTo(new Redemption<AuthorizationCodeRecord>(null, false)));
    }

    // --- Both ---

    [Test]
    public async Task RemovingAnEmployee_RemovesTheirTokensAndCodes_AndNoOneElses()
    {
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai, s_pranav);
        var (_, beHaisToken) = await StartAsync(stores, s_beHai);
        var (_, pranavsToken) = await StartAsync(stores, s_pranav);
        var beHaisCode = Code(s_beHai);
        var pranavsCode = Code(s_pranav);
        await stores.Codes.AddAsync(beHaisCode, CancellationToken.None);
        await stores.Codes.AddAsync(pranavsCode, CancellationToken.None);

        await stores.Employees.RemoveAsync(s_beHai.EmpNo, CancellationToken.None);

        Assert.That(await stores.RefreshTokens.FindAsync(beHaisToken, CancellationToken.None), Is.Null);
        Assert.That(await stores.RefreshTokens.UseAsync(beHaisToken, s_start, CancellationToken.None), Is.EqualTo(new Redemption<RefreshTokenRecord>(null, false)));
        Assert.That(await stores.Codes.RedeemAsync(beHaisCode.CodeHash, s_start, CancellationToken.None), Is.EqualTo(new Redemption<AuthorizationCodeRecord>(null, false)));
        Assert.That(await stores.RefreshTokens.FindAsync(pranavsToken, CancellationToken.None), Is.Not.Null);
        Assert.That((await stores.Codes.RedeemAsync(pranavsCode.CodeHash, s_start, CancellationToken.None)).IsFirst, Is.True);
    }

    /// <summary>Whether a family's employee must exist (the databases' foreign key); the memory store does not see the employees.</summary>
    protected virtual bool ChecksTheEmployee => true;

    [Test]
    public async Task StartFamilyAsync_ForAnEmployeeRemovedMeanwhile_RecordsNothing_AndSaysSo()
    {
        // A login or code redemption that read the employee just before a command removed them.
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai, s_pranav);
        await stores.Employees.RemoveAsync(s_beHai.EmpNo, CancellationToken.None);
        var hash = TokenHandles.Hash(TokenHandles.New());

        var started = await stores.RefreshTokens.StartFamilyAsync(Family(s_beHai), hash, s_start.AddDays(7), CancellationToken.None);

        Assert.That(started, Is.EqualTo(!ChecksTheEmployee));
        Assert.That(await stores.RefreshTokens.FindAsync(hash, CancellationToken.None) is not null, Is.EqualTo(!ChecksTheEmployee));
    }

    [Test]
    public async Task AddAsync_AfterTheEmployeeWasRemoved_RecordsNothing_AndSaysSo()
    {
        // A refresh that used its token just before a command removed the employee (and the family with them).
        var stores = await CreateAsync(new ManualClock(s_start), s_beHai);
        var (family, _) = await StartAsync(stores, s_beHai);
        await stores.Employees.RemoveAsync(s_beHai.EmpNo, CancellationToken.None);
        var successor = TokenHandles.Hash(TokenHandles.New());

        var added = await stores.RefreshTokens.AddAsync(family.FamilyId, successor, s_start, s_start.AddDays(7), CancellationToken.None);

        Assert.That(added, Is.False);
        Assert.That(await stores.RefreshTokens.FindAsync(successor, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Writes_LongAfterExpiry_PurgeWhatExpired_AndKeepTheRest()
    {
        var clock = new ManualClock(s_start);
        var stores = await CreateAsync(clock, s_beHai);
        var (_, expiring) = await StartAsync(stores, s_beHai, expiresAt: s_start.AddHours(1));
        var (_, lasting) = await StartAsync(stores, s_beHai, expiresAt: s_start.AddDays(7));
        var expiringCode = Code(s_beHai);
        await stores.Codes.AddAsync(expiringCode, CancellationToken.None);

        clock.Now = s_start.AddDays(1);
        await StartAsync(stores, s_beHai);
        await stores.Codes.AddAsync(Code(s_beHai, now: clock.Now), CancellationToken.None);

        Assert.That(await stores.RefreshTokens.FindAsync(expiring, CancellationToken.None), Is.Null);
        Assert.That(await stores.RefreshTokens.FindAsync(lasting, CancellationToken.None), Is.Not.Null);
        Assert.That((await stores.Codes.RedeemAsync(expiringCode.CodeHash, clock.Now, CancellationToken.None)).Record, Is.Null);
    }

    private static RefreshTokenFamily Family(Employee employee, string clientId = "swagger-ui", IReadOnlyList<string>? scopes = null) =>
        new(TokenHandles.NewFamilyId(), employee.EmpNo, clientId, scopes ?? [Scopes.UserRead], s_start);

    private static async Task<(RefreshTokenFamily Family, string Hash)> StartAsync(Stores stores, Employee employee, DateTimeOffset? expiresAt = null)
    {
        var family = Family(employee);
        var hash = TokenHandles.Hash(TokenHandles.New());
        await stores.RefreshTokens.StartFamilyAsync(family, hash, expiresAt ?? s_start.AddDays(7), CancellationToken.None);
        return (family, hash);
    }

    private static AuthorizationCodeRecord Code(Employee employee, DateTimeOffset? now = null) => new(
        TokenHandles.Hash(TokenHandles.New()),
        "third-party",
        "https://client.example/callback?x=1",
        TokenHandles.Hash(TokenHandles.New()),
        employee.EmpNo,
        [Scopes.UserRead, Scopes.UserWrite],
        TokenHandles.NewFamilyId(),
        (now ?? s_start).AddSeconds(60));

    // Records hold lists (compared by reference): these compare by value and print every field.
    private static object Shape(RefreshTokenRecord r) => new
    {
        r.TokenHash,
        r.Family.FamilyId,
        r.Family.EmpNo,
        r.Family.ClientId,
        Scopes = string.Join(' ', r.Family.Scopes),
        r.Family.StartedAt,
        r.Family.RevokedAt,
        r.IssuedAt,
        r.ExpiresAt,
        r.UsedAt,
    };

    private static object Shape(AuthorizationCodeRecord c) => new
    {
        c.CodeHash,
        c.ClientId,
        c.RedirectUri,
        c.CodeChallenge,
        c.EmpNo,
        Scopes = string.Join(' ', c.Scopes),
        c.FamilyId,
        c.ExpiresAt,
        c.UsedAt,
        c.ReplayedAt,
    };
}
