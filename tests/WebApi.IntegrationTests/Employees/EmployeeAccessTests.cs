using System.Net;
using System.Text.Json.Nodes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Employees.DirectoryUsers;

namespace FastApiLearning.WebApi.IntegrationTests.Employees;

/// <summary>
/// Every directory operation × {no token, too few scopes, enough scopes, own versus another's record}, with real
/// tokens of the sample users (Be Hai user:read user:write, Pranav user:read, Kyoichi admin:read admin:write,
/// Mary super:*, Moss none), some narrowed at /token with <c>scope</c>.
/// </summary>
public sealed class EmployeeAccessTests : DirectoryTest
{
    private static IEnumerable<TestCaseData> Reads()
    {
        // caller, scope asked for at /token (null: all held), path, expected status, the scope a 403 names
        yield return Row(null, null, "/employees", HttpStatusCode.Unauthorized, null, "search without a token");
        yield return Row(Pranav, null, "/employees", HttpStatusCode.Forbidden, Scopes.AdminRead, "search with user:read");
        yield return Row(Behai, null, "/employees", HttpStatusCode.Forbidden, Scopes.AdminRead, "search with user:write");
        yield return Row(Moss, null, "/employees", HttpStatusCode.Forbidden, Scopes.AdminRead, "search with no scope");
        yield return Row(Kyoichi, Scopes.AdminWrite, "/employees", HttpStatusCode.OK, null, "search with admin:write (includes admin:read)");
        yield return Row(Kyoichi, Scopes.UserWrite, "/employees", HttpStatusCode.Forbidden, Scopes.AdminRead, "search with a token narrowed to user:write");
        yield return Row(Mary, null, "/employees?last_name=s", HttpStatusCode.OK, null, "search with super:*");

        yield return Row(null, null, $"/employees/{PranavEmpNo}", HttpStatusCode.Unauthorized, null, "get without a token");
        yield return Row(Pranav, null, $"/employees/{PranavEmpNo}", HttpStatusCode.OK, null, "get own with user:read");
        yield return Row(Pranav, null, $"/employees/{BehaiEmpNo}", HttpStatusCode.Forbidden, Scopes.AdminRead, "get another's with user:read");
        yield return Row(Pranav, null, "/employees/999999", HttpStatusCode.Forbidden, Scopes.AdminRead, "get a missing one with user:read (no existence leak)");
        yield return Row(Moss, null, $"/employees/{MossEmpNo}", HttpStatusCode.Forbidden, Scopes.UserRead, "get own with no scope");
        yield return Row(Kyoichi, Scopes.AdminRead, $"/employees/{PranavEmpNo}", HttpStatusCode.OK, null, "get another's with admin:read");
        yield return Row(Kyoichi, Scopes.UserWrite, $"/employees/{PranavEmpNo}", HttpStatusCode.Forbidden, Scopes.AdminRead, "get another's with a token narrowed to user:write");
        yield return Row(Mary, null, $"/employees/{BehaiEmpNo}", HttpStatusCode.OK, null, "get another's with super:*");
        yield return Row(Mary, null, "/employees/999999", HttpStatusCode.NotFound, null, "get a missing one with super:*");

        static TestCaseData Row(string? caller, string? scope, string path, HttpStatusCode status, string? forbiddenScope, string name) =>
            new TestCaseData(caller, scope, path, status, forbiddenScope).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Reads))]
    public async Task Get_AsEachCaller_AnswersByTheirScopesAndWhoseRecordItIs(
        string? caller, string? scope, string path, HttpStatusCode status, string? forbiddenScope)
    {
        using var response = await SendAsync(HttpMethod.Get, path, caller, scope: scope);

        if (forbiddenScope is not null)
        {
            await AssertInsufficientScopeAsync(response, forbiddenScope);
            return;
        }

        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.That(Responses.Header(response, "WWW-Authenticate"), Is.EqualTo("Bearer"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not authenticated"}"""));
        }
    }

    private static IEnumerable<TestCaseData> Edits()
    {
        // caller, scope asked for, whose record, the change, expected status, the scope a 403 names
        yield return Row(null, null, BehaiEmpNo, "first_name", HttpStatusCode.Unauthorized, null, "put without a token");
        yield return Row(Pranav, null, PranavEmpNo, "first_name", HttpStatusCode.Forbidden, Scopes.UserWrite, "put own with user:read");
        yield return Row(Moss, null, MossEmpNo, "first_name", HttpStatusCode.Forbidden, Scopes.UserWrite, "put own with no scope");
        yield return Row(Behai, null, BehaiEmpNo, "first_name", HttpStatusCode.OK, null, "put own name with user:write");
        yield return Row(Behai, null, BehaiEmpNo, "birth_date", HttpStatusCode.OK, null, "put own birth date with user:write");
        yield return Row(Behai, null, BehaiEmpNo, "email", HttpStatusCode.Forbidden, Scopes.AdminWrite, "put own email with user:write");
        yield return Row(Behai, null, BehaiEmpNo, "hire_date", HttpStatusCode.Forbidden, Scopes.AdminWrite, "put own hire date with user:write");
        yield return Row(Behai, null, PranavEmpNo, "first_name", HttpStatusCode.Forbidden, Scopes.AdminWrite, "put another's with user:write");
        yield return Row(Kyoichi, Scopes.AdminRead, PranavEmpNo, "first_name", HttpStatusCode.Forbidden, Scopes.UserWrite, "put another's with a token narrowed to admin:read");
        yield return Row(Kyoichi, null, PranavEmpNo, "email", HttpStatusCode.OK, null, "put another's email with admin:write");
        yield return Row(Mary, null, BehaiEmpNo, "hire_date", HttpStatusCode.OK, null, "put another's hire date with super:*");

        static TestCaseData Row(string? caller, string? scope, int empNo, string field, HttpStatusCode status, string? forbiddenScope, string name) =>
            new TestCaseData(caller, scope, empNo, field, status, forbiddenScope).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Edits))]
    public async Task Put_AsEachCaller_AnswersByTheirScopesAndWhoseRecordItIs(
        string? caller, string? scope, int empNo, string field, HttpStatusCode status, string? forbiddenScope)
    {
        var (record, etag) = await ReadAsync(empNo);
        var body = Editable(record, b => b[field] = field switch
        {
            "email" => $"changed.{Guid.NewGuid():N}@example.com",
            "birth_date" => "1970-10-28",
            "hire_date" => "2021-06-16",
            _ => $"N{Guid.NewGuid():N}"[..10],
        });

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{empNo}", caller, body, etag, scope);

        var (after, afterETag) = await ReadAsync(empNo);
        if (forbiddenScope is not null)
        {
            await AssertInsufficientScopeAsync(response, forbiddenScope);
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        }

        if (status == HttpStatusCode.OK)
        {
            Assert.That(after[field]?.ToString(), Is.EqualTo(body[field]?.ToString()));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(afterETag).And.Not.EqualTo(etag));
            Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())?[field]?.ToString(), Is.EqualTo(body[field]?.ToString()));
        }
        else
        {
            Assert.That(afterETag, Is.EqualTo(etag), "nothing was written");
            Assert.That(after.ToJsonString(), Is.EqualTo(record.ToJsonString()));
        }
    }

    private static IEnumerable<TestCaseData> Creations()
    {
        yield return Row(null, null, HttpStatusCode.Unauthorized, null, "post without a token");
        yield return Row(Behai, null, HttpStatusCode.Forbidden, Scopes.AdminWrite, "post with user:write");
        yield return Row(Kyoichi, Scopes.AdminRead, HttpStatusCode.Forbidden, Scopes.AdminWrite, "post with a token narrowed to admin:read");
        yield return Row(Kyoichi, null, HttpStatusCode.Created, null, "post with admin:write");
        yield return Row(Mary, null, HttpStatusCode.Created, null, "post with super:*");

        static TestCaseData Row(string? caller, string? scope, HttpStatusCode status, string? forbiddenScope, string name) =>
            new TestCaseData(caller, scope, status, forbiddenScope).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Creations))]
    public async Task Post_AsEachCaller_AddsOnlyWithAdminWrite(string? caller, string? scope, HttpStatusCode status, string? forbiddenScope)
    {
        var email = $"new.{Guid.NewGuid():N}@example.com";

        using var response = await SendAsync(HttpMethod.Post, "/employees", caller, NewEmployee(email), scope: scope);

        if (forbiddenScope is not null)
        {
            await AssertInsufficientScopeAsync(response, forbiddenScope);
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        }

        using var search = await SendAsync(HttpMethod.Get, "/employees?last_name=Lovelace&page_size=100", Mary);
        var found = JsonNode.Parse(await search.Content.ReadAsStringAsync())!["employees"]!.AsArray()
            .Any(employee => employee?["email"]?.ToString() == email);
        Assert.That(found, Is.EqualTo(status == HttpStatusCode.Created));
    }

    [Test]
    public async Task Post_WithAdminWrite_Answers201WithLocationAndTheRecordThatLogsIn()
    {
        var email = $"ada.{Guid.NewGuid():N}@example.com";

        using var response = await SendAsync(HttpMethod.Post, "/employees", Kyoichi, NewEmployee(email));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var empNo = created["emp_no"]!.GetValue<int>();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/employees/{empNo}"));
        Assert.That(created.Select(p => p.Key), Is.EquivalentTo(new[] { "emp_no", "email", "first_name", "last_name", "gender", "birth_date", "hire_date" }));
        Assert.That(created["email"]?.ToString(), Is.EqualTo(email));
        Assert.That(Responses.Header(response, "Cache-Control"), Is.EqualTo("no-store"));

        using var location = await SendAsync(HttpMethod.Get, response.Headers.Location!.ToString(), Mary);
        Assert.That(location.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await TokenAsync(email, Scopes.UserRead, NewPassword), Is.Not.Empty, "the new employee logs in with the initial password");
    }

    [Test]
    public async Task Forbidden_FromThePolicyAndFromTheHandler_IsTheSameAnswer()
    {
        // Pranav's search is refused by the endpoint's admin:read policy; his read of another's record by the handler.
        using var fromPolicy = await SendAsync(HttpMethod.Get, "/employees", Pranav);
        using var fromHandler = await SendAsync(HttpMethod.Get, $"/employees/{BehaiEmpNo}", Pranav);

        await AssertInsufficientScopeAsync(fromPolicy, Scopes.AdminRead);
        await AssertInsufficientScopeAsync(fromHandler, Scopes.AdminRead);
        Assert.That(Responses.HeaderLines(fromHandler, "Date"), Is.EqualTo(Responses.HeaderLines(fromPolicy, "Date")));
    }

    [Test]
    public async Task Get_WithATokenOfAnEmployeeWithoutScopes_StillOpensUsersMe()
    {
        using var me = await SendAsync(HttpMethod.Get, "/users/me", Moss);
        using var own = await SendAsync(HttpMethod.Get, $"/employees/{MossEmpNo}", Moss);

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertInsufficientScopeAsync(own, Scopes.UserRead);
    }
}
