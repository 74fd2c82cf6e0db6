using System.Net;
using System.Text.Json;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Employees;

/// <summary>What Swagger UI reads: the password flow's scopes (the Authorize dialog's checkboxes) and each operation's requirement.</summary>
public sealed class EmployeeOpenApiTests
{
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task LoadDocument()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public void PasswordFlow_ListsTheFiveScopesWithTheirDescriptions()
    {
        var scopes = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("OAuth2PasswordBearer")
            .GetProperty("flows").GetProperty("password").GetProperty("scopes");

        Assert.That(
            scopes.EnumerateObject().Select(scope => (scope.Name, scope.Value.GetString())),
            Is.EqualTo(Scopes.All.Select(scope => (scope.Name, (string?)scope.Description))));
    }

    [TestCase("/employees", "get", Scopes.AdminRead)]
    [TestCase("/employees", "post", Scopes.AdminWrite)]
    [TestCase("/employees/{emp_no}", "get", Scopes.UserRead)]
    [TestCase("/employees/{emp_no}", "put", Scopes.UserWrite)]
    public void Operation_DeclaresTheScopeItRequires(string path, string method, string scope)
    {
        var operation = _document.GetProperty("paths").GetProperty(path).GetProperty(method);

        var required = operation.GetProperty("security")[0].GetProperty("OAuth2PasswordBearer");
        Assert.That(required.EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { scope }));
        Assert.That(operation.GetProperty("description").GetString(), Does.StartWith($"Required scope: {scope}."));
        Assert.That(operation.GetProperty("responses").TryGetProperty("403", out _), Is.True);
    }

    [Test]
    public void UsersMe_NeedsATokenButNoScope()
    {
        var operation = _document.GetProperty("paths").GetProperty("/users/me").GetProperty("get");

        Assert.That(operation.GetProperty("security")[0].GetProperty("OAuth2PasswordBearer").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Search_DocumentsItsQueryParameters()
    {
        var parameters = _document.GetProperty("paths").GetProperty("/employees").GetProperty("get").GetProperty("parameters");

        Assert.That(parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            Is.EquivalentTo(new[] { "last_name", "first_name", "page", "page_size" }));
    }
}
