namespace FastApiLearning.WebApi.Commands;

/// <summary>What a management command's exit status means (scripts test these).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>It could not be done: the database is out of reach, the employee is not there, the email is taken, a bad line in a file.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the input is wrong: an unknown option, a missing value, a failed validation.</summary>
    public const int Usage = 2;
}
