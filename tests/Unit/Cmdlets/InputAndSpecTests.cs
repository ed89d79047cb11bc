using ModeScim.Client.Models;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Every refusal of bad input, with its exact words and the offending value, and every rule a user spec
    /// follows when it becomes a new user or a change.</summary>
    public class InputAndSpecTests
    {
        [Theory]
        [InlineData(null, true, "UserName is required.")]
        [InlineData("", true, "UserName is required.")]
        [InlineData(null, false, null)]
        [InlineData("   ", false, "UserName must not be blank.")]
        [InlineData("a\tb", false, "UserName 'a?b' contains a control character.")]
        [InlineData("ad\u202Ea", false, "UserName 'ad?a' contains a bidirectional override character.")]
        [InlineData("ada\u200B@x.test", false, "UserName 'ada?@x.test' contains an invisible character.")]
        [InlineData("ada@x.test", false, null)]
        public void A_value_is_refused_with_its_attribute_and_printable_text(string? value, bool required, string? problem)
        {
            Assert.Equal(problem, UserInputValidator.Check("UserName", value, required, identifier: true));
        }

        [Fact]
        public void A_value_may_be_exactly_the_longest_allowed_and_no_longer()
        {
            var longest = new string('a', UserInputValidator.MaxLength);

            Assert.Null(UserInputValidator.Check("DisplayName", longest, required: false));
            Assert.Equal("DisplayName is 257 characters long; at most 256 are allowed.",
                UserInputValidator.Check("DisplayName", longest + "a", required: false));
        }

        [Fact]
        public void A_personal_name_may_hold_a_joiner_but_an_identifier_may_not()
        {
            const string persian = "\u0645\u06cc\u200c\u0631\u0648\u0632";

            Assert.Null(UserInputValidator.Check("GivenName", persian, required: false));
            Assert.NotNull(UserInputValidator.Check("ExternalId", persian, required: false, identifier: true));
        }

        [Theory]
        [InlineData("ada@example.com", true)]
        [InlineData("ada@example", false)]
        [InlineData("ada@@example.com", false)]
        [InlineData("a da@example.com", false)]
        [InlineData("@example.com", false)]
        [InlineData("ada@.", false)]
        public void An_email_needs_one_at_sign_no_blanks_and_a_dotted_domain(string value, bool valid)
        {
            var problem = UserInputValidator.Check("Email", value, required: true, isEmail: true);

            Assert.Equal(valid ? null : "Email '" + value + "' is not an email address.", problem);
        }

        [Fact]
        public void Cleaning_trims_and_keeps_null()
        {
            Assert.Equal("a b", UserInputValidator.Clean("\t a b \r\n"));
            Assert.Null(UserInputValidator.Clean(null));
        }

        [Theory]
        [InlineData('\u202A', true)]
        [InlineData('\u202E', true)]
        [InlineData('\u2066', true)]
        [InlineData('\u2069', true)]
        [InlineData('\u2029', false)]
        [InlineData('\u202F', false)]
        [InlineData('\u2065', false)]
        [InlineData('\u206A', false)]
        [InlineData('\u200E', false)]
        public void Only_embedding_override_and_isolate_controls_are_bidi_controls(char c, bool bidi)
        {
            Assert.Equal(bidi, InputValidation.IsBidiControl(c));
        }

        [Theory]
        [InlineData('\u200B', true)]
        [InlineData('\u200D', true)]
        [InlineData('\u2060', true)]
        [InlineData('\u2064', true)]
        [InlineData('\uFEFF', true)]
        [InlineData('\u00AD', true)]
        [InlineData('\u180E', true)]
        [InlineData('\u200A', false)]
        [InlineData('\u200E', false)]
        [InlineData('\u205F', false)]
        [InlineData('\u2065', false)]
        [InlineData('a', false)]
        public void Invisible_characters_are_the_zero_width_ones_and_their_kin(char c, bool invisible)
        {
            Assert.Equal(invisible, InputValidation.IsInvisible(c));
        }

        [Fact]
        public void Printable_text_shows_every_hidden_character_as_a_question_mark()
        {
            Assert.Equal("a?b?c?d", InputValidation.Printable("a\u0001b\u202Ec\u200Bd"));
        }

        [Fact]
        public void An_identity_problem_names_what_is_wrong_exactly()
        {
            Assert.Equal("An identity must not be empty.", InputValidation.ProblemWithIdentity(""));
            Assert.Equal("An identity must not contain control characters.", InputValidation.ProblemWithIdentity("a\nb"));
            Assert.Equal("An identity must not contain bidirectional override characters.",
                InputValidation.ProblemWithIdentity("a\u2066b"));
            Assert.Equal("An identity must not contain invisible characters such as a zero-width space ('a?b').",
                InputValidation.ProblemWithIdentity("a\uFEFFb"));
            Assert.Equal("An identity of 1025 characters is longer than the 1024 allowed.",
                InputValidation.ProblemWithIdentity(new string('a', 1025)));
            Assert.Null(InputValidation.ProblemWithIdentity(new string('a', 1024)));
        }

        [Fact]
        public void A_piped_user_or_group_needs_no_text_check_and_a_missing_one_is_refused()
        {
            Assert.Null(InputValidation.ProblemWith(new ModeUserIdentity(new ModeUser())));
            Assert.Null(InputValidation.ProblemWith(new ModeGroupIdentity(new ModeGroup())));
            Assert.Equal("An identity must not be null.", InputValidation.ProblemWith((ModeUserIdentity?)null));
            Assert.Equal("A group identity must not be null.", InputValidation.ProblemWith((ModeGroupIdentity?)null));
            Assert.Equal("An identity must not be empty.", InputValidation.ProblemWith(new ModeUserIdentity(" ")));
            Assert.Equal("An identity must not be empty.", InputValidation.ProblemWith(new ModeGroupIdentity("")));
            Assert.Null(InputValidation.ProblemWith(new ModeGroupIdentity("Finance")));
        }

        [Theory]
        [InlineData("25", "25")]
        [InlineData("5%", "5%")]
        [InlineData(" 12.5% ", "12.5%")]
        public void A_limit_reads_back_as_it_was_meant(string text, string shown)
        {
            Assert.True(GuardLimit.TryParse(text, out var limit, out var problem));

            Assert.Equal(shown, limit.ToString());
            Assert.Equal(string.Empty, problem);
        }

        [Theory]
        [InlineData("0%", 1000, 0)]
        [InlineData("100%", 1000, 1000)]
        [InlineData("99.9%", 1000, 999)]
        public void A_share_at_either_end_is_allowed(string text, int whole, int maximum)
        {
            Assert.True(GuardLimit.TryParse(text, out var limit, out _));
            Assert.Equal(maximum, limit.Maximum(whole));
        }

        [Theory]
        [InlineData("-0.1%")]
        [InlineData("100.1%")]
        [InlineData("%")]
        [InlineData(null)]
        public void A_share_outside_zero_to_a_hundred_is_refused_with_the_default_parameter(string? text)
        {
            Assert.False(GuardLimit.TryParse(text!, out _, out var problem));

            Assert.Equal("-MaxDisable must be a count such as 25 or a percentage such as 5%, not '" + text + "'.", problem);
        }

        [Fact]
        public void A_spec_without_an_email_takes_none_from_a_userName_that_is_not_one()
        {
            var spec = new UserSpec("ada", null, null, null, null, null);

            Assert.Null(spec.Email);
            Assert.Equal(new[] { "Email is required." }, spec.Problems);
        }

        [Fact]
        public void A_spec_keeps_an_email_it_is_given_even_when_the_userName_is_one()
        {
            var spec = new UserSpec("ada@example.com", " work@example.com ", "", " ", null, " ");

            Assert.Equal("work@example.com", spec.Email);
            Assert.Null(spec.GivenName);
            Assert.Null(spec.FamilyName);
            Assert.Null(spec.ExternalId);
            Assert.Null(spec.EffectiveDisplayName);
            Assert.True(spec.IsValid);
        }

        [Fact]
        public void A_spec_names_each_bad_attribute_in_order()
        {
            var spec = new UserSpec("ad\u200Ba@x.test", "bad", "G\u0001", "F\u202E", new string('d', 300), "E\u200B");

            Assert.Equal(new[]
            {
                "UserName 'ad?a@x.test' contains an invisible character.",
                "Email 'bad' is not an email address.",
                "GivenName 'G?' contains a control character.",
                "FamilyName 'F?' contains a bidirectional override character.",
                "DisplayName is 300 characters long; at most 256 are allowed.",
                "ExternalId 'E?' contains an invisible character.",
            }, spec.Problems);
        }

        [Fact]
        public void A_display_name_is_the_one_given_else_whichever_names_there_are()
        {
            Assert.Equal("Lee", new UserSpec("a@x.test", null, null, "Lee", null, null).EffectiveDisplayName);
            Assert.Equal("Ann", new UserSpec("a@x.test", null, "Ann", null, null, null).EffectiveDisplayName);
            Assert.Equal("Dr Ann", new UserSpec("a@x.test", null, "Ann", "Lee", "Dr Ann", null).EffectiveDisplayName);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_new_user_carries_every_attribute_of_the_spec(bool active)
        {
            var user = new UserSpec("ada@x.test", "work@x.test", "Ada", "Lovelace", null, "E1").ToNewUser(active);

            Assert.Equal(("ada@x.test", "Ada Lovelace", "E1", (bool?)active), (user.UserName, user.DisplayName, user.ExternalId,
                user.Active));
            Assert.Equal(("Ada", "Lovelace"), (user.Name!.GivenName, user.Name.FamilyName));
            var email = Assert.Single(user.Emails!);
            Assert.Equal(("work@x.test", "work", (bool?)true), (email.Value, email.Type, email.Primary));
        }

        [Fact]
        public void A_new_user_without_names_has_no_name_object()
        {
            Assert.Null(new UserSpec("ada@x.test", null, null, null, null, null).ToNewUser(true).Name);
        }

        [Fact]
        public void Every_attribute_that_differs_becomes_part_of_the_change()
        {
            var current = new ScimUser
            {
                UserName = "old@x.test",
                DisplayName = "Old Name",
                ExternalId = "E0",
                Name = new ScimName { GivenName = "Old", FamilyName = "Name" },
                Emails = new() { new ScimMultiValue { Value = "old@x.test", Primary = true } },
            };
            var spec = new UserSpec("new@x.test", "new@x.test", "New", "Person", null, "E1");

            var change = spec.DifferencesFrom(current, compareUserName: true, compareExternalId: true);

            Assert.Equal(new[] { "UserName", "Email", "GivenName", "FamilyName", "DisplayName", "ExternalId" }, change.ChangedAttributes);
            Assert.Equal(("new@x.test", "new@x.test", "New", "Person", "New Person", "E1"),
                (change.UserName, change.Email, change.GivenName, change.FamilyName, change.DisplayName, change.ExternalId));
            Assert.Null(spec.DifferencesFrom(current, compareUserName: false, compareExternalId: true).UserName);
        }

        [Theory]
        [InlineData("Ann Lee", "Ann Smith")]
        [InlineData("", "Ann Smith")]
        [InlineData(null, "Ann Smith")]
        [InlineData("Ann Lee (Finance)", null)]
        [InlineData("Dr Ann Lee", null)]
        public void A_display_name_the_source_does_not_give_follows_the_names_only_where_it_was_made_from_them(
            string? currentDisplayName, string? expectedChange)
        {
            var current = new ScimUser
            {
                UserName = "a@x.test",
                DisplayName = currentDisplayName,
                Name = new ScimName { GivenName = "Ann", FamilyName = "Lee" },
                Emails = new() { new ScimMultiValue { Value = "a@x.test", Primary = true } },
            };

            var change = new UserSpec("a@x.test", null, "Ann", "Smith", null, null).DifferencesFrom(current, true, true);

            Assert.Equal("Smith", change.FamilyName);
            Assert.Equal(expectedChange, change.DisplayName);
        }

        [Fact]
        public void A_display_name_the_source_gives_replaces_one_set_by_hand()
        {
            var current = new ScimUser
            {
                UserName = "a@x.test",
                DisplayName = "Ann Lee (Finance)",
                Name = new ScimName { GivenName = "Ann" },
            };

            var change = new UserSpec("a@x.test", null, "Ann", null, "Ann Lee", null).DifferencesFrom(current, true, true);

            Assert.Equal("Ann Lee", change.DisplayName);
        }

        [Fact]
        public void A_userName_differing_only_in_case_is_a_change_but_an_email_is_not()
        {
            var current = new ScimUser { UserName = "Ada@x.test", Emails = new() { new ScimMultiValue { Value = "ADA@x.test" } } };

            var change = new UserSpec("ada@x.test", null, null, null, null, null).DifferencesFrom(current, true, false);

            Assert.Equal(new[] { "UserName" }, change.ChangedAttributes);
        }

        [Fact]
        public void A_user_already_as_the_spec_says_needs_no_change()
        {
            var current = new ScimUser
            {
                UserName = "a@x.test",
                DisplayName = "Ann Lee",
                ExternalId = "E1",
                Name = new ScimName
                {
                    GivenName = "Ann",
                    FamilyName = "Lee"
                },
                Emails = new() { new ScimMultiValue { Value = "a@x.test", Primary = true } },
            };

            Assert.True(new UserSpec("a@x.test", null, "Ann", "Lee", null, "E1").DifferencesFrom(current, true, true).IsEmpty);
        }
    }
}
