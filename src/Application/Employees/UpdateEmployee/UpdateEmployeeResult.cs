namespace FastApiLearning.Application.Employees.UpdateEmployee;

/// <summary>What an edit came to. Only <see cref="Updated"/> wrote anything.</summary>
public abstract record UpdateEmployeeResult
{
    private UpdateEmployeeResult()
    {
    }

    public static UpdateEmployeeResult NotFound { get; } = new Missing();

    /// <summary>No version was given: an edit must say which version it replaces (RFC 6585's 428).</summary>
    public static UpdateEmployeeResult PreconditionRequired { get; } = new VersionRequired();

    public static UpdateEmployeeResult EmailTaken { get; } = new EmailInUse();

    /// <param name="Version">The record's new version.</param>
    public sealed record Updated(EmployeeProfile Employee, long Version) : UpdateEmployeeResult;

    public sealed record Missing : UpdateEmployeeResult;

    /// <summary>Someone edited the record since the version the caller read.</summary>
    public sealed record Stale(long CurrentVersion) : UpdateEmployeeResult;

    public sealed record VersionRequired : UpdateEmployeeResult;

    /// <summary>The caller's token does not satisfy <paramref name="RequiredScope"/> for this edit.</summary>
    public sealed record Forbidden(string RequiredScope) : UpdateEmployeeResult;

    /// <summary>Another employee has the email (also when two edits race for it).</summary>
    public sealed record EmailInUse : UpdateEmployeeResult
    {
        public string Message => EmployeeRules.EmailTakenMessage;
    }
}
