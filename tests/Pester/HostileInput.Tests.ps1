# Hostile and broken input: each case gives its documented error, sends nothing when the input is invalid,
# and never changes the server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 30
    Connect-TestEmulator -Emulator $script:Emulator
    $script:journal = New-TestJournalPath
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:journal -ErrorAction SilentlyContinue
}

Describe 'Hostile input' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator
    }

    It '<Case> gives <ErrorId>' -TestCases @(
        @{ Case = 'an empty identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity '' } }
        @{ Case = 'a blank identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity '   ' } }
        @{ Case = 'a null identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity $null } }
        @{ Case = 'a NUL in an identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity "ada`0@example.com" } }
        @{ Case = 'a newline in an identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity "ada`n@example.com" } }
        @{ Case = 'a 10,000-character identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity ('a' * 10000) } }
        @{ Case = 'a right-to-left override'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Identity ('moc.elpmaxe@' + [char]0x202E + 'ada') } }
        @{ Case = 'a filter injection as identity'; ErrorId = 'ModeScim.UserNotFound'; Silent = $false; Run = { Get-ModeUser -Identity 'a" or userName pr "' } }
        @{ Case = 'a closing bracket injection'; ErrorId = 'ModeScim.UserNotFound'; Silent = $false; Run = { Get-ModeUser -Identity 'x"] or id pr or [' } }
        @{ Case = 'a backslash escape injection'; ErrorId = 'ModeScim.UserNotFound'; Silent = $false; Run = { Get-ModeUser -Identity '\" or userName pr or \"' } }
        @{ Case = 'an id of dot segments'; ErrorId = 'ModeScim.UserNotFound'; Silent = $false; Run = { Get-ModeUser -Identity '..' } }
        @{ Case = 'an id with slashes'; ErrorId = 'ModeScim.UserNotFound'; Silent = $false; Run = { Get-ModeUser -Identity '../Groups/x' } }
        @{ Case = 'an unterminated filter'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Filter 'userName eq "a' } }
        @{ Case = 'an unbalanced filter'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Filter '((userName pr)' } }
        @{ Case = 'a filter the server rejects'; ErrorId = 'ModeScim.InvalidFilter'; Silent = $false; Run = { Get-ModeUser -Filter 'userName zz "a"' } }
        @{ Case = 'an empty -UserName'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -UserName '' } }
        @{ Case = 'a control character in -Email'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Email "a`r@example.com" } }
        @{ Case = 'a -Skip past SCIM''s startIndex'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeUser -Skip ([uint64]::MaxValue) } }
        @{ Case = 'a new user without userName'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { New-ModeUser -UserName '' } }
        @{ Case = 'a CSV row missing the UserName column'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { [pscustomobject]@{ FirstName = 'No'; LastName = 'Name' } | New-ModeUser } }
        # New-ModeUser takes the piped row itself, so a null row is its own refusal, with the module's id.
        @{ Case = 'a null pipeline item'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { $null | New-ModeUser } }
        @{ Case = 'a malformed email'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { New-ModeUser -UserName 'x@example.com' -Email 'x at example' } }
        @{ Case = 'a NUL in a new userName'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { New-ModeUser -UserName "nul`0@example.com" } }
        @{ Case = 'an over-long userName'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { New-ModeUser -UserName (('a' * 300) + '@example.com') } }
        @{ Case = 'a bidi override in a new userName'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { New-ModeUser -UserName ('ada' + [char]0x202E + '@example.com') } }
        @{ Case = 'a set with nothing to change'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Set-ModeUser 'x@example.com' } }
        @{ Case = 'a tab in a set identity'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Set-ModeUser "a`tb" -DisplayName 'x' } }
        @{ Case = 'a 10,000-character display name'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Set-ModeUser 'x@example.com' -DisplayName ('d' * 10000) } }
        @{ Case = 'a null user to disable'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Disable-ModeUser -Identity $null -JournalPath $script:journal } }
        @{ Case = 'an empty user to disable'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Disable-ModeUser -Identity '' -JournalPath $script:journal } }
        @{ Case = 'a NUL user to enable'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Enable-ModeUser -Identity "`0" -JournalPath $script:journal } }
        @{ Case = 'a blank user to remove'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Remove-ModeUser -Identity '   ' -JournalPath $script:journal -Confirm:$false } }
        @{ Case = 'an empty group name'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Get-ModeGroup -Identity '' } }
        @{ Case = 'a NUL in a new group name'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { New-ModeGroup "g`0" } }
        @{ Case = 'an empty new group name'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Rename-ModeGroup 'Finance' -NewName '' } }
        @{ Case = 'a control character member'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Add-ModeGroupMember -Group 'Finance' -Member "`a" } }
        @{ Case = 'a sync of an unnamed group'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Sync-ModeGroup -Group '' -Member 'a@example.com' } }
        @{ Case = 'a sync with a null member list'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Sync-ModeGroup -Group 'Finance' -Member $null } }
        @{ Case = 'a sync with blank members'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Sync-ModeGroup -Group 'Finance' -Member '', ' ' } }
        @{ Case = 'an empty desired user set'; ErrorId = 'ModeScim.EmptyDesiredSet'; Silent = $true; Run = { Sync-ModeUser -InputObject @() -DisableMissing } }
        @{ Case = 'a desired set of unreadable rows'; ErrorId = 'ModeScim.EmptyDesiredSet'; Silent = $true; Run = { Sync-ModeUser -InputObject ([pscustomobject]@{ Foo = 'bar' }) -DisableMissing } }
        @{ Case = 'a non-http base URI'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Connect-ModeScim -BaseUri 'ftp://scim.example.test/' -Token (ConvertTo-TestSecureString 'x') } }
        @{ Case = 'a script URI'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Connect-ModeScim -BaseUri 'javascript:alert(1)' -Token (ConvertTo-TestSecureString 'x') } }
        @{ Case = 'a relative base URI'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Connect-ModeScim -BaseUri '/scim/v2' -Token (ConvertTo-TestSecureString 'x') } }
        @{ Case = 'a file URI'; ErrorId = 'ModeScim.InvalidInput'; Silent = $true; Run = { Connect-ModeScim -BaseUri 'file:///etc/passwd' -Token (ConvertTo-TestSecureString 'x') } }
        @{ Case = 'plain http to a remote host'; ErrorId = 'ModeScim.InsecureBaseUri'; Silent = $true; Run = { Connect-ModeScim -BaseUri 'http://scim.example.test/' -Token (ConvertTo-TestSecureString 'x') } }
    ) {
        param($Case, $ErrorId, $Silent, $Run)
        $ErrorActionPreference = 'Continue'
        $records = @()
        try {
            $records = @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
        catch {
            $records = @($_)
        }

        $records.Count | Should -BeGreaterThan 0
        ($records[0].FullyQualifiedErrorId -split ',')[0] | Should -Be $ErrorId
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.mutating | Should -Be 0
        if ($Silent) { $stats.total | Should -Be 0 }
        Get-ModeScimConnection | Should -Not -BeNullOrEmpty
    }

    It 'treats a huge -First as "all"' {
        @(Get-ModeUser -First ([uint64]::MaxValue)).Count | Should -Be 30
    }

    It 'leaves a group alone when some of its desired members are invalid' {
        $before = (Get-ModeGroup 'Finance').MemberCount
        $result = Sync-ModeGroup -Group 'Finance' -Member "`0" -ErrorAction SilentlyContinue

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        (Get-ModeGroup 'Finance').MemberCount | Should -Be $before
        $result.Failed.Count | Should -BeGreaterThan 0
    }
}
