using FastApiLearning.TestSupport.Employees;

namespace FastApiLearning.WebApi.IntegrationTests.Employees;

/// <summary>The Development sample users the directory tests log in as, with their emp_no and what they hold.</summary>
public static class DirectoryUsers
{
    /// <summary>500222, <c>user:read user:write</c>.</summary>
    public const string Behai = SampleEmployees.BehaiEmail;
    public const int BehaiEmpNo = 500222;

    /// <summary>10198, <c>user:read</c>.</summary>
    public const string Pranav = SampleEmployees.PranavEmail;
    public const int PranavEmpNo = 10198;

    /// <summary>10005, <c>admin:read admin:write</c>.</summary>
    public const string Kyoichi = "kyoichi.maliniak.10005@gmail.com";
    public const int KyoichiEmpNo = 10005;

    /// <summary>10011, <c>super:*</c>.</summary>
    public const string Mary = "mary.sluis.10011@gmail.com";
    public const int MaryEmpNo = 10011;

    /// <summary>10045, explicitly no scope at all.</summary>
    public const string Moss = "moss.shanbhogue.10045@gmail.com";
    public const int MossEmpNo = 10045;
}
