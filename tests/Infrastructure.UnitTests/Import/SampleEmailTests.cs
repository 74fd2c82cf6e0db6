using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Import;

namespace FastApiLearning.Infrastructure.UnitTests.Import;

public sealed class SampleEmailTests
{
    private static IEnumerable<TestCaseData> Names()
    {
        TestCaseData Case(string first, string last, int empNo, string email, string name) =>
            new TestCaseData(first, last, empNo).Returns(email).SetName($"For_{name}");

        yield return Case("Pranav", "Furedi", 10198, "pranav.furedi.10198@gmail.com", "WhenNamesArePlain_IsFirstDotLastDotEmpNo");
        yield return Case("GEORGI", "FaCello", 10001, "georgi.facello.10001@gmail.com", "WhenNamesHaveCapitals_IsLowerCase");
        yield return Case("Zoë", "Müller", 10002, "zoe.muller.10002@gmail.com", "WhenNamesHaveAccents_FoldsThemToAscii");
        yield return Case("François", "Lefèvre-Núñez", 10003, "francois.lefevre-nunez.10003@gmail.com", "WhenNamesHaveCedillaGraveAndTilde_FoldsThem");
        yield return Case("Łukasz", "Wałęsa", 10004, "lukasz.walesa.10004@gmail.com", "WhenNamesHaveAStrokedL_SpellsItL");
        yield return Case("Søren", "Straße", 10005, "soren.strasse.10005@gmail.com", "WhenNamesHaveOSlashAndSharpS_SpellsThemOAndSs");
        yield return Case("Ægir", "Þórsson", 10006, "aegir.thorsson.10006@gmail.com", "WhenNamesHaveAshAndThorn_SpellsThemAeAndTh");
        yield return Case("Đorđe", "Œuvray", 10007, "dorde.oeuvray.10007@gmail.com", "WhenNamesHaveDStrokeAndOe_SpellsThemDAndOe");
        yield return Case("Sean", "O'Brien", 10008, "sean.obrien.10008@gmail.com", "WhenANameHasAnApostrophe_DropsIt");
        yield return Case("Gina", "D’Angelo", 10009, "gina.dangelo.10009@gmail.com", "WhenANameHasATypographicApostrophe_DropsIt");
        yield return Case("Mary-Ann", "Smith", 10010, "mary-ann.smith.10010@gmail.com", "WhenANameHasAHyphen_KeepsIt");
        yield return Case("Be Hai", "Van der Berg", 500222, "behai.vanderberg.500222@gmail.com", "WhenNamesHaveSpaces_DropsThem");
        yield return Case("Ann", "St. John", 10011, "ann.stjohn.10011@gmail.com", "WhenANameHasADot_DropsIt");
        yield return Case("İlker", "Işık", 10012, "ilker.isik.10012@gmail.com", "WhenNamesHaveTurkishDottedAndDotlessI_SpellsThemI");
        yield return Case("Иван", "Petrov", 10013, "petrov.10013@gmail.com", "WhenANameHasNoLatinLetters_LeavesItOut");
        yield return Case("李", "王", 10014, "10014@gmail.com", "WhenNoNameHasLatinLetters_IsTheEmpNoAlone");
    }

    [TestCaseSource(nameof(Names))]
    public string For_MakesTheEmailAsTheOriginalSeriesDoes(string firstName, string lastName, int empNo) =>
        SampleEmail.For(firstName, lastName, empNo);

    [Test]
    public void For_WhenNamesAreDecomposedAlready_FoldsThemLikeComposedOnes()
    {
        var decomposed = SampleEmail.For("Zoe\u0308", "Mu\u0308ller", 1);

        Assert.That(decomposed, Is.EqualTo(SampleEmail.For("Zoë", "Müller", 1)));
    }

    [Test]
    public void For_AnyNames_IsAlreadyNormalized()
    {
        var email = SampleEmail.For("  ÉLODIE ", "ÅSTRÖM ", 42);

        Assert.That(email, Is.EqualTo("elodie.astrom.42@gmail.com"));
        Assert.That(Employee.NormalizeEmail(email), Is.EqualTo(email));
    }

    [Test]
    public void For_TheLongestNames_FitsTheEmailColumn()
    {
        var email = SampleEmail.For(new string('ß', Employee.MaxFirstNameLength), new string('þ', Employee.MaxLastNameLength), int.MaxValue);

        Assert.That(email, Has.Length.LessThanOrEqualTo(Employee.MaxEmailLength));
    }
}
