namespace FastApiLearning.WebApi.IntegrationTests.Support;

public static class Forms
{
    public const string Behai = "behai_nguyen@hotmail.com";
    public const string Pranav = "pranav.furedi.10198@gmail.com";
    public const string Password = "password";

    public static FormUrlEncodedContent Login(string username, string password, string? grantType = "password") =>
        new(new Dictionary<string, string>
        {
            ["grant_type"] = grantType ?? "",
            ["username"] = username,
            ["password"] = password,
        }.Where(field => grantType is not null || field.Key != "grant_type"));

    public static async Task<string> GetAccessTokenAsync(HttpClient client, string username = Behai)
    {
        using var response = await client.PostAsync("/token", Login(username, Password));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("No access_token.");
    }
}
