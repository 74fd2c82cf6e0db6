using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.UnitTests.Redis;

/// <summary>A Redis that hangs: every store call gives up after Redis:Timeout by the service's clock, as a 503.</summary>
public sealed class RedisCallsTests
{
    [Test]
    public async Task RunAsync_WhenRedisDoesNotAnswer_FailsAsUnavailableOnceTheTimeoutHasPassed()
    {
        // Arrange: a command that never completes.
        var clock = new FakeTimeProvider();
        var calls = CreateCalls(clock, TimeSpan.FromSeconds(2));
        var hanging = new TaskCompletionSource<RedisValue>();

        // Act
        var call = calls.RunAsync(_ => hanging.Task, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        var beforeTimeout = call.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        Assert.That(beforeTimeout, Is.False);
        // (A real-time guard against a hang when the timeout is missing, not a timing assertion.)
        var exception = await Assert.ThrowsAsync<ResourceUnavailableException>(async () => await call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(exception?.Message, Is.EqualTo(RedisConnection.UnavailableMessage));
        Assert.That(exception?.InnerException, Is.InstanceOf<TimeoutException>());
    }

    [Test]
    public async Task RunAsync_WhenRedisAnswersInTime_ReturnsItsAnswer()
    {
        var calls = CreateCalls(new FakeTimeProvider(), TimeSpan.FromSeconds(2));

        var value = await calls.RunAsync(_ => Task.FromResult((RedisValue)"1"), CancellationToken.None);

        Assert.That(value.ToString(), Is.EqualTo("1"));
    }

    [Test]
    public async Task RunAsync_WhenTheConnectionIsDown_FailsAsUnavailable()
    {
        var calls = CreateCalls(new FakeTimeProvider(), TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<ResourceUnavailableException>(async () => await calls.RunAsync<RedisValue>(
            _ => throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down"), CancellationToken.None));
    }

    private static RedisCalls CreateCalls(TimeProvider clock, TimeSpan timeout)
    {
        var redis = new Mock<IConnectionMultiplexer>();
        redis.Setup(r => r.GetDatabase(It.IsAny<int>(), It.IsAny<object>())).Returns(Mock.Of<IDatabase>());
        return new RedisCalls(redis.Object, Options.Create(new RedisOptions { Timeout = timeout }), clock);
    }
}
