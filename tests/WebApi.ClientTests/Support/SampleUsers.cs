namespace FastApiLearning.WebApi.ClientTests.Support;

public static class SampleUsers
{
    public const string BehaiEmail = "behai_nguyen@hotmail.com";
    public const string Password = "password";
}
