using System.Net;
using System.Text.Json.Nodes;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Employees.DirectoryUsers;

namespace FastApiLearning.WebApi.IntegrationTests.Employees;

/// <summary><c>PUT /employees/{emp_no}</c>'s optimistic concurrency (If-Match), its duplicate-email rule and its validation.</summary>
public sealed class EmployeeEditTests : DirectoryTest
{
    private const string EmailTaken = "Can't accept this email. Please specify another";

    [Test]
    public async Task Get_AnswersTheRecordWithAStrongETag()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/employees/{KyoichiEmpNo}", Mary);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag?.IsWeak, Is.False);
        Assert.That(response.Headers.ETag?.Tag, Does.Match("^\"[1-9][0-9]*\"$"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith(
            """{"emp_no":10005,"email":"kyoichi.maliniak.10005@gmail.com","first_name":"Kyoichi","last_name":"Maliniak","gender":"M","birth_date":"1955-01-21","hire_date":"1989-09-12"}"""));
    }

    [Test]
    public async Task Put_WithoutIfMatch_Answers428AndWritesNothing()
    {
        var (record, etag) = await ReadAsync(MaryEmpNo);

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{MaryEmpNo}", Mary, Editable(record, b => b["first_name"] = "Maria"));

        var problem = await ProblemAsync(response, HttpStatusCode.PreconditionRequired);
        Assert.That(problem["detail"]?.ToString(), Does.Contain("If-Match"));
        Assert.That((await ReadAsync(MaryEmpNo)).ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task Put_WithAStaleIfMatch_Answers412AndKeepsTheOtherEdit()
    {
        var (record, etag) = await ReadAsync(PranavEmpNo);
        using var first = await SendAsync(HttpMethod.Put, $"/employees/{PranavEmpNo}", Mary, Editable(record, b => b["first_name"] = "First"), etag);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var second = await SendAsync(HttpMethod.Put, $"/employees/{PranavEmpNo}", Kyoichi, Editable(record, b => b["last_name"] = "Second"), etag);

        await ProblemAsync(second, HttpStatusCode.PreconditionFailed);
        var (after, _) = await ReadAsync(PranavEmpNo);
        Assert.That(after["first_name"]?.ToString(), Is.EqualTo("First"));
        Assert.That(after["last_name"]?.ToString(), Is.EqualTo(record["last_name"]?.ToString()));
    }

    [TestCase("*", TestName = "Put_WithIfMatchStar_Answers400")]
    [TestCase("W/\"1\"", TestName = "Put_WithAWeakIfMatch_Answers400")]
    [TestCase("\"1\", \"2\"", TestName = "Put_WithAListInIfMatch_Answers400")]
    [TestCase("1", TestName = "Put_WithAnUnquotedIfMatch_Answers400")]
    [TestCase("\"99999999999999999999\"", TestName = "Put_WithAnIfMatchPastLong_Answers400")]
    public async Task Put_WithAnIfMatchThatIsNotOneOfOurETags_Answers400(string ifMatch)
    {
        var (record, etag) = await ReadAsync(MaryEmpNo);

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{MaryEmpNo}", Mary, Editable(record, b => b["first_name"] = "Maria"), ifMatch);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]?["If-Match"], Is.Not.Null);
        Assert.That((await ReadAsync(MaryEmpNo)).ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task Put_WithAnotherEmployeesEmail_Answers409WithTheOriginalsMessage()
    {
        var (record, etag) = await ReadAsync(KyoichiEmpNo);

        using var response = await SendAsync(
            HttpMethod.Put, $"/employees/{KyoichiEmpNo}", Mary, Editable(record, b => b["email"] = Moss.ToUpperInvariant()), etag);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]?.ToString(), Is.EqualTo(EmailTaken));
        Assert.That((await ReadAsync(KyoichiEmpNo)).ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task Put_WhenTwoEditsRaceForOneNewEmail_OneWinsAndTheOtherGets409()
    {
        var email = $"race.{Guid.NewGuid():N}@example.com";
        var (behai, behaiETag) = await ReadAsync(BehaiEmpNo);
        var (moss, mossETag) = await ReadAsync(MossEmpNo);

        var responses = await Task.WhenAll(
            SendAsync(HttpMethod.Put, $"/employees/{BehaiEmpNo}", Mary, Editable(behai, b => b["email"] = email), behaiETag),
            SendAsync(HttpMethod.Put, $"/employees/{MossEmpNo}", Kyoichi, Editable(moss, b => b["email"] = email), mossETag));

        Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.That((await ProblemAsync(loser, HttpStatusCode.Conflict))["detail"]?.ToString(), Is.EqualTo(EmailTaken));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Post_WithAnotherEmployeesEmail_Answers409()
    {
        using var response = await SendAsync(HttpMethod.Post, "/employees", Mary, NewEmployee(Pranav));

        Assert.That((await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]?.ToString(), Is.EqualTo(EmailTaken));
    }

    private static IEnumerable<TestCaseData> InvalidEdits()
    {
        yield return Row("first_name", JsonValue.Create(""), "first_name is required");
        yield return Row("first_name", null, "first_name is required");
        yield return Row("last_name", JsonValue.Create(new string('x', 17)), "last_name must be at most 16 characters");
        yield return Row("gender", JsonValue.Create("X"), "gender must be M or F");
        yield return Row("email", JsonValue.Create("not an email"), "email must be an email address");
        yield return Row("birth_date", JsonValue.Create("1955-02-30"), "birth_date must be a date (yyyy-MM-dd)");
        yield return Row("birth_date", JsonValue.Create(19550121), "birth_date must be a date (yyyy-MM-dd)");
        yield return Row("hire_date", JsonValue.Create("1960-01-20"), "hire_date must not be before the 14th birthday");
        yield return Row("hire_date", JsonValue.Create("2999-01-01"), "hire_date must not be in the future");
        yield return Row("first_name", JsonValue.Create(42), "first_name must be a string");

        static TestCaseData Row(string field, JsonNode? value, string message) =>
            new TestCaseData(field, value, message).SetArgDisplayNames(field, value?.ToJsonString() ?? "missing");
    }

    [TestCaseSource(nameof(InvalidEdits))]
    public async Task Put_WithAnInvalidField_Answers400WithTheErrorUnderThatField(string field, JsonNode? value, string message)
    {
        var (record, etag) = await ReadAsync(KyoichiEmpNo);
        var body = Editable(record, b =>
        {
            b.Remove(field);
            if (value is not null)
            {
                b[field] = value;
            }
        });

        using var response = await SendAsync(HttpMethod.Put, $"/employees/{KyoichiEmpNo}", Kyoichi, body, etag);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]?[field]?.AsArray().Select(m => m?.ToString()), Is.EqualTo(new[] { message }));
        Assert.That(Responses.Header(response, "Cache-Control"), Does.Contain("no-store"));
        Assert.That((await ReadAsync(KyoichiEmpNo)).ETag, Is.EqualTo(etag));
    }

    [TestCase("short", "password must be at least 15 characters")]
    [TestCase("NEW.PERSON@EXAMPLE.COM", "password must not be the email")]
    public async Task Post_WithAPasswordNistRefuses_Answers400UnderPassword(string password, string message)
    {
        using var response = await SendAsync(HttpMethod.Post, "/employees", Mary, NewEmployee("new.person@example.com", password));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]?["password"]?.AsArray().Select(m => m?.ToString()), Is.EqualTo(new[] { message }));
        Assert.That(problem.ToJsonString(), Does.Not.Contain(password));
    }
}
