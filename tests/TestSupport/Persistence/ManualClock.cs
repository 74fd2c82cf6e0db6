namespace FastApiLearning.TestSupport.Persistence;

/// <summary>A clock the test sets (the stores' purges read it); timers are the system's.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
