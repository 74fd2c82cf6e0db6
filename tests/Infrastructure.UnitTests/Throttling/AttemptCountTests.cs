using FastApiLearning.Infrastructure.Throttling;

namespace FastApiLearning.Infrastructure.UnitTests.Throttling;

public sealed class AttemptCountTests
{
    private static readonly DateTimeOffset s_first = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(15);

    [TestCase(true)]
    [TestCase(false)]
    public void Next_WhenThereIsNoCount_StartsAtOne(bool sliding)
    {
        // Act
        var next = AttemptCount.Next(null, s_first, s_window, sliding);

        // Assert
        Assert.That(next, Is.EqualTo(new AttemptCount(1, s_first, s_first)));
    }

    [Test]
    public void Next_WhenSlidingAndWithinWindowOfLastButNotFirst_AddsOne()
    {
        // Arrange
        var current = new AttemptCount(2, s_first, s_first.AddMinutes(10));
        var now = s_first.AddMinutes(20);

        // Act
        var next = AttemptCount.Next(current, now, s_window, sliding: true);

        // Assert
        Assert.That(next, Is.EqualTo(new AttemptCount(3, s_first, now)));
    }

    [Test]
    public void Next_WhenFixedAndWithinWindowOfLastButNotFirst_StartsAgainAtOne()
    {
        // Arrange
        var current = new AttemptCount(2, s_first, s_first.AddMinutes(10));
        var now = s_first.AddMinutes(20);

        // Act
        var next = AttemptCount.Next(current, now, s_window, sliding: false);

        // Assert
        Assert.That(next, Is.EqualTo(new AttemptCount(1, now, now)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Next_WhenExactlyOneWindowHasPassed_StartsAgainAtOne(bool sliding)
    {
        // Arrange
        var current = new AttemptCount(4, s_first, s_first);
        var now = s_first + s_window;

        // Act
        var next = AttemptCount.Next(current, now, s_window, sliding);

        // Assert
        Assert.That(next, Is.EqualTo(new AttemptCount(1, now, now)));
    }

    [TestCase(true, 25)]
    [TestCase(false, 15)]
    public void ExpiresAt_IsOneWindowAfterLastWhenSlidingOrFirstWhenFixed(bool sliding, int expectedMinutesAfterFirst)
    {
        // Arrange
        var count = new AttemptCount(2, s_first, s_first.AddMinutes(10));

        // Act
        var expiresAt = count.ExpiresAt(s_window, sliding);

        // Assert
        Assert.That(expiresAt, Is.EqualTo(s_first.AddMinutes(expectedMinutesAfterFirst)));
    }
}
