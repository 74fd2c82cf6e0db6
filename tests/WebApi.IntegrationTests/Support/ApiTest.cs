namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>One app and one API client for a whole test class.</summary>
public abstract class ApiTest
{
    private ApiFactory _factory = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory();
        Client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        Client.Dispose();
        _factory.Dispose();
    }
}
