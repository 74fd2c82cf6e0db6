using FastApiLearning.WebApi.BrowserTests.Support;

namespace FastApiLearning.WebApi.BrowserTests;

public sealed class HomePageTests : BrowserTest
{
    /// <summary>The text of an element as the browser laid it out, one string per line.</summary>
    private const string RenderedLines = """
        element => {
          const lines = [];
          let lineTop = null;
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const top = range.getBoundingClientRect().top;
              if (lineTop === null || top > lineTop + 1) {
                lines.push('');
                lineTop = top;
              }
              lines[lines.length - 1] += node.data[i];
            }
          }
          return lines;
        }
        """;

    [TestCase(SampleUsers.Behai)]
    [TestCase(SampleUsers.Pranav)]
    public async Task Email_OnAPhoneScreen_WrapsOnlyAfterTheAtOrBeforeADot_WithoutSidewaysScrolling(string email)
    {
        await Page.SetViewportSizeAsync(375, 812);
        await LogInAsync(email, SampleUsers.Password);
        await Page.WaitForURLAsync(Url("/"));

        var lines = await Page.Locator("#email").EvaluateAsync<string[]>(RenderedLines);
        await SnapshotAsync("home-375-" + email.Split('@')[0]);

        Assert.That(string.Concat(lines), Is.EqualTo(email));
        Assert.That(lines, Has.Length.GreaterThan(1), "375 px is narrow enough to need a wrap");
        for (var line = 1; line < lines.Length; line++)
        {
            Assert.That(lines[line - 1].EndsWith('@') || lines[line].StartsWith('.'), Is.True,
                $"a word is cut between \"{lines[line - 1]}\" and \"{lines[line]}\"");
        }

        var sideways = await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.That(sideways, Is.False, "no horizontal scroll");
        AssertNoCspViolations();
    }
}
