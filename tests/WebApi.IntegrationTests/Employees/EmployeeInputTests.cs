using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Employees.DirectoryUsers;

namespace FastApiLearning.WebApi.IntegrationTests.Employees;

/// <summary>
/// What the directory API makes of what a caller sends: search and paging, bodies that are not what they should be
/// (never a 500), and what every answer carries or never carries (no-store, no password hash).
/// </summary>
public sealed class EmployeeInputTests : DirectoryTest
{
    [Test]
    public async Task Search_ByTheStartOfTheLastName_IgnoresCaseAndAnswersThePageWithTheTotal()
    {
        using var response = await SendAsync(HttpMethod.Get, "/employees?last_name=MALIN", Kyoichi);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"employees":[{"emp_no":10005,"email":"kyoichi.maliniak.10005@gmail.com","first_name":"Kyoichi","last_name":"Maliniak","gender":"M","birth_date":"1955-01-21","hire_date":"1989-09-12"}],"total":1,"page":1,"page_size":20}"""));
    }

    [Test]
    public async Task Search_WithAWildcard_MatchesInsideTheName()
    {
        using var response = await SendAsync(HttpMethod.Get, "/employees?last_name=%25luis", Mary);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(body["employees"]!.AsArray().Select(e => e?["emp_no"]?.GetValue<int>()), Is.EqualTo(new[] { MaryEmpNo }));
    }

    [Test]
    public async Task Search_WithPaging_AnswersThatPageSortedByLastNameFirstNameAndEmpNo()
    {
        using var all = await SendAsync(HttpMethod.Get, "/employees?page_size=100", Mary);
        using var second = await SendAsync(HttpMethod.Get, "/employees?page=2&page_size=2", Mary);

        var everyone = JsonNode.Parse(await all.Content.ReadAsStringAsync())!;
        var page = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        var names = everyone["employees"]!.AsArray().Select(e => e!["last_name"]!.ToString().ToLowerInvariant()).ToList();
        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(page["employees"]!.AsArray().Select(e => e!["emp_no"]!.GetValue<int>()),
            Is.EqualTo(everyone["employees"]!.AsArray().Skip(2).Take(2).Select(e => e!["emp_no"]!.GetValue<int>())));
        Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(everyone["total"]!.GetValue<int>()).And.GreaterThanOrEqualTo(5));
        Assert.That((page["page"]!.GetValue<int>(), page["page_size"]!.GetValue<int>()), Is.EqualTo((2, 2)));
    }

    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("page=abc", "page")]
    [TestCase("page=99999999999", "page")]
    [TestCase("page_size=0", "page_size")]
    [TestCase("page_size=101", "page_size")]
    [TestCase("page_size=1.5", "page_size")]
    [TestCase("last_name=%0a", "last_name")]
    public async Task Search_WithAQueryParameterOutOfRange_Answers400UnderIt(string query, string field)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/employees?{query}", Mary);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]?[field], Is.Not.Null, problem.ToJsonString());
    }

    [TestCase("99999999999")]
    [TestCase("-1")]
    [TestCase("0")]
    [TestCase("abc")]
    [TestCase("1e3")]
    public async Task Get_WithAnEmpNoThatIsNoPositiveInt_Answers400UnderEmpNo(string empNo)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/employees/{empNo}", Mary);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]?["emp_no"]?[0]?.ToString(), Is.EqualTo("emp_no must be a positive number"));
    }

    [TestCase("{", TestName = "Put_WithBrokenJson_Answers400")]
    [TestCase("[]", TestName = "Put_WithAJsonArray_Answers400")]
    [TestCase("null", TestName = "Put_WithJsonNull_Answers400")]
    [TestCase("", TestName = "Put_WithAnEmptyBody_Answers400")]
    [TestCase("{\"first_name\":{\"a\":[1,[2,[3,[4,[5,[6,[7,[8,[9]]]]]]]]]}}", TestName = "Put_WithJsonNestedTooDeep_Answers400")]
    public async Task Put_WithABodyThatIsNoJsonObject_Answers400AndWritesNothing(string body)
    {
        var (_, etag) = await ReadAsync(MaryEmpNo);

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{MaryEmpNo}", Mary, body, etag);

        await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((await ReadAsync(MaryEmpNo)).ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task Put_WithABodyLargerThan16KiB_Answers413()
    {
        var (record, etag) = await ReadAsync(MaryEmpNo);
        var body = Editable(record, b => b["padding"] = new string('x', BoundedForm.MaxBodyBytes));

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{MaryEmpNo}", Mary, body, etag);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Post_WithABodyLargerThan16KiBAndNoContentLength_Answers413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/employees");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Mary));
        var json = NewEmployee("big@example.com");
        json["padding"] = new string('x', BoundedForm.MaxBodyBytes * 2);
        request.Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json.ToJsonString())));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Client.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Post_WithAFormInsteadOfJson_Answers415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/employees")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "form@example.com" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Mary));

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task Put_WithoutABodyOrContentType_Answers415AndWritesNothing()
    {
        var (_, etag) = await ReadAsync(MaryEmpNo);

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{MaryEmpNo}", Mary, ifMatch: etag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((await ReadAsync(MaryEmpNo)).ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task EveryAnswerWithPersonalData_IsNoStoreAndNeverCarriesThePasswordHash()
    {
        var (record, etag) = await ReadAsync(BehaiEmpNo);
        using var search = await SendAsync(HttpMethod.Get, "/employees?page_size=100", Mary);
        using var get = await SendAsync(HttpMethod.Get, $"/employees/{BehaiEmpNo}", Behai);
        using var put = await SendAsync(HttpMethod.Put, $"/employees/{BehaiEmpNo}", Behai, Editable(record), etag);
        using var post = await SendAsync(HttpMethod.Post, "/employees", Mary, NewEmployee($"hash.{Guid.NewGuid():N}@example.com"));

        foreach (var response in new[] { search, get, put, post })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.IsSuccessStatusCode, Is.True, body);
            Assert.That(Responses.Header(response, "Cache-Control"), Is.EqualTo("no-store"), response.RequestMessage?.RequestUri?.ToString());
            Assert.That(body, Does.Not.Contain("$argon2").And.Not.Contain("$2b$").And.Not.Contain("password"));
        }
    }

    /// <summary>A body the client cannot give a length (sent chunked), so that only the server's count bounds it.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
