using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Users;

public sealed class CachingEmployeeStoreTests
{
    private static readonly TimeSpan s_timeToLive = TimeSpan.FromSeconds(5);
    private static readonly Employee s_beHai = SampleEmployees.Behai();
    private static readonly Employee s_pranav = SampleEmployees.Pranav();

    private FakeTimeProvider _clock = null!;
    private Mock<IEmployeeStore> _inner = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        _inner = new Mock<IEmployeeStore>();
        _inner.Setup(s => s.FindByEmpNoAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(s_beHai);
        _inner.Setup(s => s.FindByEmpNoAsync(s_pranav.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(s_pranav);
        _inner.Setup(s => s.FindByEmpNoAsync(10005, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_pranav with { EmpNo = 10005, Email = "kyoichi.maliniak.10005@gmail.com" });
    }

    [Test]
    public async Task FindByEmpNoAsync_WithinTheTimeToLive_AsksTheDatabaseOnce()
    {
        var store = Store();

        var first = await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);
        _clock.Advance(s_timeToLive - TimeSpan.FromMilliseconds(1));
        var second = await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);

        Assert.That(first, Is.EqualTo(s_beHai));
        Assert.That(second, Is.EqualTo(s_beHai));
        _inner.Verify(s => s.FindByEmpNoAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task FindByEmpNoAsync_AfterTheTimeToLive_AsksTheDatabaseAgain()
    {
        // A write made by another instance or a command is seen this much later at most.
        var store = Store();

        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);
        _clock.Advance(s_timeToLive);
        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);

        _inner.Verify(s => s.FindByEmpNoAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private static IEnumerable<TestCaseData> Writes()
    {
        yield return new TestCaseData(new Func<IEmployeeStore, ValueTask>(async s =>
            await s.ReplacePasswordHashAsync(500222, "old", "new", CancellationToken.None))).SetName("ReplacePasswordHashAsync_ForgetsTheProfile");
        yield return new TestCaseData(new Func<IEmployeeStore, ValueTask>(async s =>
            await s.SetPasswordHashAsync(500222, "new", DateTimeOffset.UnixEpoch, CancellationToken.None))).SetName("SetPasswordHashAsync_ForgetsTheProfile");
        yield return new TestCaseData(new Func<IEmployeeStore, ValueTask>(async s =>
            await s.RemoveAsync(500222, CancellationToken.None))).SetName("RemoveAsync_ForgetsTheProfile");
    }

    [TestCaseSource(nameof(Writes))]
    public async Task AWriteOfThisInstance_ForgetsTheProfileAtOnce(Func<IEmployeeStore, ValueTask> write)
    {
        var store = Store();
        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);

        await write(store);
        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);

        _inner.Verify(s => s.FindByEmpNoAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Forget_ADirectoryEditOfThisInstance_ForgetsThatProfileOnly()
    {
        var store = Store();
        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);
        await store.FindByEmpNoAsync(s_pranav.EmpNo, CancellationToken.None);

        store.Forget(s_beHai.EmpNo);
        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);
        await store.FindByEmpNoAsync(s_pranav.EmpNo, CancellationToken.None);

        _inner.Verify(s => s.FindByEmpNoAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _inner.Verify(s => s.FindByEmpNoAsync(s_pranav.EmpNo, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task FindByEmpNoAsync_WhenFull_RemembersNoMoreUntilEntriesExpire()
    {
        var store = Store(capacity: 2);
        await store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None);
        await store.FindByEmpNoAsync(s_pranav.EmpNo, CancellationToken.None);

        await store.FindByEmpNoAsync(10005, CancellationToken.None);
        var whileFull = store.Count;
        _clock.Advance(s_timeToLive);
        await store.FindByEmpNoAsync(10005, CancellationToken.None);

        Assert.That(whileFull, Is.EqualTo(2));
        Assert.That(store.Count, Is.EqualTo(1), "the expired two were swept to make room");
    }

    [Test]
    public async Task FindTokensValidAfterAsync_IsNeverRemembered()
    {
        // It is what refuses a removed employee's tokens at once, on every instance.
        _inner.Setup(s => s.FindTokensValidAfterAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(DateTimeOffset.MinValue);
        var store = Store();

        await store.FindTokensValidAfterAsync(s_beHai.EmpNo, CancellationToken.None);
        await store.FindTokensValidAfterAsync(s_beHai.EmpNo, CancellationToken.None);

        _inner.Verify(s => s.FindTokensValidAfterAsync(s_beHai.EmpNo, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task FindByEmailAsync_IsNeverRemembered()
    {
        // A login verifies against the stored hash as it is now.
        _inner.Setup(s => s.FindByEmailAsync(s_beHai.Email, It.IsAny<CancellationToken>())).ReturnsAsync(s_beHai);
        var store = Store();

        await store.FindByEmailAsync(s_beHai.Email, CancellationToken.None);
        await store.FindByEmailAsync(s_beHai.Email, CancellationToken.None);

        _inner.Verify(s => s.FindByEmailAsync(s_beHai.Email, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private CachingEmployeeStore Store(int capacity = 100) => new(_inner.Object, _clock, s_timeToLive, capacity);
}
