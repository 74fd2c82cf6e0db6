namespace FastApiLearning.WebApi.BrowserTests.Support;

public static class SampleUsers
{
    public const string Behai = "behai_nguyen@hotmail.com";
    public const string Pranav = "pranav.furedi.10198@gmail.com";
    public const string Password = "password";
}
