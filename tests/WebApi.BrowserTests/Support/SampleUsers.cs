namespace FastApiLearning.WebApi.BrowserTests.Support;

public static class SampleUsers
{
    /// <summary>500222 Be Hai Doe: user:read user:write.</summary>
    public const string Behai = "behai_nguyen@hotmail.com";

    /// <summary>10198 Pranav Furedi: user:read.</summary>
    public const string Pranav = "pranav.furedi.10198@gmail.com";

    /// <summary>10005 Kyoichi Maliniak: admin:read admin:write.</summary>
    public const string Kyoichi = "kyoichi.maliniak.10005@gmail.com";

    /// <summary>10011 Mary Sluis: super:*.</summary>
    public const string Mary = "mary.sluis.10011@gmail.com";

    /// <summary>10045 Moss Shanbhogue: no scope at all.</summary>
    public const string Moss = "moss.shanbhogue.10045@gmail.com";

    public const int BehaiNo = 500222;
    public const int PranavNo = 10198;
    public const int KyoichiNo = 10005;

    public const string Password = "password";
}
