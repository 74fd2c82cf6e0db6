namespace FastApiLearning.WebApi.CommandTests.Support;

public static class Passwords
{
    public const string New = "correct horse battery staple";
    public const string Other = "another long passphrase";
}
