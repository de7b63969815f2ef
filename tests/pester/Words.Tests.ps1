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

Describe 'One naming scheme: Template, -IncludeArchived/-ArchivedOnly; the 0.2.0 names kept as aliases' {
    It 'runs and tasks carry TemplateId (and TemplateName); BlueprintId still reads, hidden from tables and CSV' {
        $run = @(Get-TallyfyRun -First 1)[0]
        $run.TemplateId | Should -Match '^[0-9a-f]{32}$'
        $run.TemplateName | Should -Not -BeNullOrEmpty
        $run.BlueprintId | Should -Be $run.TemplateId
        $run.BlueprintName | Should -Be $run.TemplateName
        $columns = @(($run | ConvertTo-Csv -NoTypeInformation)[0] -split ',' | ForEach-Object { $_.Trim('"') })
        $columns | Should -Contain 'TemplateId'
        $columns | Should -Not -Contain 'BlueprintId'
        ($run | Format-List | Out-String) | Should -Match 'TemplateName'
        ($run | Format-List | Out-String) | Should -Not -Match 'Blueprint'
        $task = @(Get-TallyfyTask -RunId $run.Id)[0]
        $task.TemplateId | Should -Be $run.TemplateId
        $task.BlueprintId | Should -Be $run.TemplateId
        $withTemplate = Get-TallyfyRun -Id $run.Id -Include Template
        $withTemplate.Template.Id | Should -Be $run.TemplateId
        (Get-TallyfyRun -Id $run.Id -Include Blueprint).Blueprint.Id | Should -Be $run.TemplateId
    }

    It 'takes -TemplateId on Get-TallyfyRun, -BlueprintId as its alias, and says "template" in the error' {
        $run = @(Get-TallyfyRun -First 1)[0]
        $byNew = @(Get-TallyfyRun -TemplateId $run.TemplateId -IncludeArchived).Id
        $byOld = @(Get-TallyfyRun -BlueprintId $run.TemplateId -IncludeArchived).Id
        $byNew | Should -Contain $run.Id
        $byOld | Should -Be $byNew
        $e = $null
        try { Get-TallyfyRun -TemplateId 'abc' -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidBlueprintId,*'   # the ErrorId keeps its name: scripts catch it
        "$e" | Should -Match 'not a valid Tallyfy template id'
    }

    It 'lists archived templates with -IncludeArchived (and -Archived, its alias), as runs and tasks do' {
        $all = @(Get-TallyfyTemplate -IncludeArchived).Id | Sort-Object
        @(Get-TallyfyTemplate -Archived).Id | Sort-Object | Should -Be $all
        $archived = @(Get-TallyfyTemplate -ArchivedOnly)
        $archived.Count | Should -BeGreaterThan 0
        $all.Count | Should -Be (@(Get-TallyfyTemplate).Count + $archived.Count)
        foreach ($c in 'Get-TallyfyRun', 'Get-TallyfyTask', 'Get-TallyfyTemplate') {
            (Get-Command $c).Parameters.Keys | Should -Contain 'IncludeArchived'
            (Get-Command $c).Parameters.Keys | Should -Contain 'ArchivedOnly'
        }
    }
}

Describe 'Get-Help -Online' {
    BeforeDiscovery {
        # The manifest's list (the module is imported later, in BeforeAll); the first test checks it is the module's.
        $script:cmdlets = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../TallyfyPS.psd1')).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    }
    BeforeAll {
        $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../TallyfyPS.psd1')
        $script:projectUri = $manifest.PrivateData.PSData.ProjectUri.TrimEnd('/')
        $script:docs = Join-Path $PSScriptRoot '../../docs/en-US'
    }

    It 'every exported cmdlet is tested here' {
        @($cmdlets.Name | Sort-Object) | Should -Be @((Get-Module TallyfyPS).ExportedCmdlets.Keys | Sort-Object)
        $cmdlets.Count | Should -BeGreaterThan 30
    }

    It '<Name> has a HelpUri: its page in the repository, which exists and is the help''s online version' -ForEach $cmdlets {
        $uri = (Get-Command $Name).HelpUri
        $uri | Should -Be "$projectUri/blob/main/docs/en-US/$Name.md"
        Test-Path -LiteralPath (Join-Path $docs "$Name.md") | Should -BeTrue
        $links = @((Get-Help $Name -Full).relatedLinks.navigationLink)
        @($links | Where-Object { $_.uri })[0].uri | Should -Be $uri
    }
}
