# Words (issue 21, section 6): messages say what happened in plain, correct words; one naming scheme (Template,
# -IncludeArchived/-ArchivedOnly, the old names kept as aliases); every cmdlet's help is online. Through a real pwsh
# against a real sandbox (this file owns it). The catalogue's templates and every string literal are read by the
# xunit MessageWordsTests.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 30
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Messages' {
    It 'asks for confirmation in words that read: "before it permanently deletes each run"' {
        $id = @(Get-TallyfySandboxRunId $sb)[0]
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
try { Remove-TallyfyRun -Id '$id' -Permanent } catch { Write-Output "ERRORID `$(`$_.FullyQualifiedErrorId)"; Write-Output "MESSAGE `$(`$_.Exception.Message)" }
"@
        $child.Output | Should -Match 'ERRORID ConfirmationRequired'
        $child.Output | Should -Match 'before it permanently deletes each run'
        $child.Output | Should -Not -Match '\bit it\b'
    }

    It 'one run whose path answers 502 is that run''s failure: no "Tallyfy is not answering", and the others go on' {
        Reset-TallyfySandbox $sb -Runs 30
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 3)
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 5 -PassThru
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb @{ failIds = @{ $ids[0] = 502 } }
        try {
            # One at a time: the failing run's retries (about 15 s of backoff) are the only requests for that long.
            $results = @($ids | Remove-TallyfyRun -Session $s -Force -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warned)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $results.RunId | Should -Be $ids
        $results.Status | Should -Be @('Failed', 'Archived', 'Archived')
        $results[0].Attempts | Should -Be 6
        $results[0].Message | Should -Not -Match 'not sent'
        $errs.Count | Should -Be 1
        "$errs" | Should -Not -Match 'not sent'
        @($warned | Where-Object { "$_" -match 'not answering' }) | Should -BeNullOrEmpty
        @($warned | Where-Object { "$_" -match 'all for one item' }).Count | Should -Be 1
    }
}
