//! Romanization throughput (MB/s of UTF-8 input) on a Cyrillic and a Hangul
//! paragraph under several schemes, beside `any_ascii` on the same text.
//! Each iteration checks its output against the length computed before the
//! timed loop.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use canonym::translit::{translit_into, variants, Scheme};

const CYRILLIC: &str = "Северная Корея признала независимость Донецкой Народной Республики \
и Луганской Народной Республики, сообщило в среду центральное телеграфное агентство КНДР. \
Министр иностранных дел Цой Сон Хи направила послания главам ДНР и ЛНР, выразив надежду на \
развитие отношений. Киев ответил разрывом дипломатических отношений с Пхеньяном; в Харькове, \
Запорожье и Днепре прошли обстрелы, а на Донбассе продолжались тяжёлые бои за Северодонецк.";

const HANGUL: &str = "조선민주주의인민공화국 외무성은 도네쯔크인민공화국과 루간스크인민공화국의 \
독립을 승인하였다고 조선중앙통신이 보도하였다. 최선희 외무상은 두 공화국 수반들에게 \
축하 서한을 보내고 쌍방 관계의 발전에 대한 기대를 표명하였다. 우크라이나는 평양과의 \
외교관계를 단절하였으며 신라 종로 독립문 대관령 왕십리 강릉 같은 지명도 함께 시험한다.";

fn bench_paragraph(c: &mut Criterion, group_name: &str, text: &str, schemes: &[Scheme]) {
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    for &scheme in schemes {
        let mut out = String::new();
        translit_into(text, scheme, &mut out);
        let expected = out.len();
        assert!(expected > 0);
        group.bench_with_input(
            BenchmarkId::new("translit", scheme.name()),
            text,
            |b, text| {
                let mut out = String::with_capacity(expected);
                b.iter(|| {
                    out.clear();
                    translit_into(black_box(text), scheme, &mut out);
                    assert_eq!(out.len(), expected);
                })
            },
        );
    }
    let expected = any_ascii::any_ascii(text).len();
    group.bench_with_input(
        BenchmarkId::new("any_ascii", "any_ascii"),
        text,
        |b, text| {
            b.iter(|| {
                let out = any_ascii::any_ascii(black_box(text));
                assert_eq!(out.len(), expected);
            })
        },
    );
    group.finish();
}

fn romanize(c: &mut Criterion) {
    bench_paragraph(
        c,
        "cyrillic",
        CYRILLIC,
        &[
            Scheme::RuPress,
            Scheme::RuBgnPcgn,
            Scheme::RuIso9,
            Scheme::UkNational,
            Scheme::Fallback,
        ],
    );
    bench_paragraph(
        c,
        "hangul",
        HANGUL,
        &[Scheme::KoRr, Scheme::KoMr, Scheme::KoDprk, Scheme::Fallback],
    );
}

fn name_variants(c: &mut Criterion) {
    let mut group = c.benchmark_group("variants");
    for name in ["Луганськ", "최선희", "ДНР"] {
        let expected = variants(name, None).len();
        assert!(expected > 0);
        group.throughput(Throughput::Elements(1));
        group.bench_with_input(BenchmarkId::new("variants", name), name, |b, name| {
            b.iter(|| assert_eq!(variants(black_box(name), None).len(), expected))
        });
    }
    group.finish();
}

criterion_group!(benches, romanize, name_variants);
criterion_main!(benches);
