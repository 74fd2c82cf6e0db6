namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>One <c>POST /token</c>: its <c>Origin</c> and <c>Sec-Fetch-Site</c> headers (empty when not sent) and the answer's status.</summary>
public sealed record TokenPost(string Origin, string FetchSite, int Status);
