BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Set-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com' -DisplayName 'Ada'
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'refuses several users for one set of new values with ModeScim.InvalidInput, not a binding error, changing nothing' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        Reset-ModeScimEmulator $script:Emulator

        $errors = Get-ErrorRecords { Set-ModeUser 'ada@example.com', 'bob@example.com' -GivenName 'Same' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SetModeUserCommand'
        $errors[0].Exception.Message | Should -BeLike "*one user*'ada@example.com', 'bob@example.com'*"
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'changes only the attributes given, with one PATCH' {
        Set-ModeUser -Identity 'ada@example.com' -DisplayName 'Ada Lovelace' -FamilyName 'Lovelace'

        $onServer = Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id
        $onServer.displayName | Should -Be 'Ada Lovelace'
        $onServer.name.familyName | Should -Be 'Lovelace'
        $onServer.emails[0].value | Should -Be 'ada@example.com'
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.PATCH | Should -Be 1
        $stats.PUT | Should -Be 0
    }

    It 'changes a piped user, and returns it with -PassThru' {
        $updated = Get-ModeUser 'ada@example.com' | Set-ModeUser -Email 'ada.lovelace@example.com' -PassThru

        $updated.Email | Should -Be 'ada.lovelace@example.com'
        @((Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).emails).Count | Should -Be 1
    }

    It 'clears an optional attribute given as an empty string' {
        Set-ModeUser 'ada@example.com' -DisplayName ''
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).displayName | Should -BeNullOrEmpty
    }

    It 'renames the userName, and refuses a taken one with ModeScim.UserAlreadyExists' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'grace@example.com'

        Set-ModeUser 'ada@example.com' -NewUserName 'countess@example.com'
        $errors = Get-ErrorRecords { Set-ModeUser 'countess@example.com' -NewUserName 'GRACE@example.com' }

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).userName | Should -Be 'countess@example.com'
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.SetModeUserCommand'
    }

    It 'uses one PUT of the merged user when the server says PATCH is unsupported, keeping the rest' {
        $noPatch = Start-TestEmulator -ExtraArguments @('--no-patch')
        try {
            $connection = Connect-TestEmulator -Emulator $noPatch -PassThru
            $created = New-EmulatorUser -Emulator $noPatch -UserName 'ada@example.com' -DisplayName 'Ada'
            Reset-ModeScimEmulator $noPatch

            Set-ModeUser 'ada@example.com' -FamilyName 'Lovelace' -Connection $connection

            $connection.PatchSupported | Should -BeFalse
            $onServer = Get-EmulatorUser -Emulator $noPatch -Id $created.id
            $onServer.name.familyName | Should -Be 'Lovelace'
            $onServer.displayName | Should -Be 'Ada'
            $onServer.emails[0].value | Should -Be 'ada@example.com'
            $stats = Get-ModeScimEmulatorStats $noPatch
            $stats.PUT | Should -Be 1
            $stats.PATCH | Should -Be 0
        }
        finally {
            Stop-ModeScimEmulator $noPatch
            Connect-TestEmulator -Emulator $script:Emulator
        }
    }

    It 'refuses a call that changes nothing, or a malformed email, with ModeScim.InvalidInput before any request' {
        $nothing = Get-ErrorRecords { Set-ModeUser 'ada@example.com' }
        $badEmail = Get-ErrorRecords { Set-ModeUser 'ada@example.com' -Email 'not-an-email' }

        $nothing.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SetModeUserCommand'
        $badEmail.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SetModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'reports a missing user as ModeScim.UserNotFound' {
        $errors = Get-ErrorRecords { Set-ModeUser 'ghost@example.com' -DisplayName 'Ghost' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.SetModeUserCommand'
    }

    It 'sends no mutating request with -WhatIf' {
        $journal = New-TestJournalPath
        Set-ModeUser 'ada@example.com' -DisplayName 'Changed' -WhatIf -JournalPath $journal
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $journal | Should -Not -Exist
    }

    It 'journals the old and new email before the change, read back with Get-ModeScimJournal -Action Update' {
        $journal = New-TestJournalPath
        try {
            Set-ModeUser 'ada@example.com' -Email 'ada.lovelace@example.com' -GivenName 'Ada' -JournalPath $journal

            $record = @(Get-ModeScimJournal -Path $journal -Action Update)
            $record.Count | Should -Be 1
            $record[0].UserId | Should -Be $script:ada.id
            $email = $record[0].Changes | Where-Object Attribute -EQ 'email'
            $email.Old | Should -Be 'ada@example.com'
            $email.New | Should -Be 'ada.lovelace@example.com'
            "$email" | Should -Be 'email: ada@example.com -> ada.lovelace@example.com'
            # The user had no givenName to show: unknown, never recorded as "none".
            $given = $record[0].Changes | Where-Object Attribute -EQ 'givenName'
            $given.Old | Should -BeNullOrEmpty
            "$given" | Should -Be 'givenName: (not shown) -> Ada'
            Get-Content -LiteralPath $journal -Raw | Should -Not -BeLike '*"old":""*'
            (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).emails[0].value | Should -Be 'ada.lovelace@example.com'
        }
        finally {
            Remove-Item $journal -ErrorAction SilentlyContinue
        }
    }

    It 'changes nothing when the journal cannot be written, and says so with ModeScim.JournalWriteFailed' {
        $blocker = New-TestJournalPath
        Set-Content -LiteralPath $blocker -Value 'a file, not a folder'
        try {
            $errors = Get-ErrorRecords { Set-ModeUser 'ada@example.com' -Email 'ada.lovelace@example.com' -JournalPath (Join-Path $blocker 'journal.jsonl') }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.JournalWriteFailed,ModeScim.PowerShell.Commands.SetModeUserCommand'
            (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
            (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).emails[0].value | Should -Be 'ada@example.com'
        }
        finally {
            Remove-Item $blocker -ErrorAction SilentlyContinue
        }
    }
}
