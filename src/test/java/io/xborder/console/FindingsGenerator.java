package io.xborder.console;

import io.xborder.finding.Confidence;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test data for the search benchmark: documents, passages and findings inserted with JDBC batches, EN and ZH
 * passages with a realistic spread of attributes (a few large jurisdictions, most findings unreviewed), dates over
 * five years. Deterministic for a seed.
 */
public final class FindingsGenerator {

    static final String[] JURISDICTIONS = { "CN", "CN", "CN", "CN", "CN", "EU", "EU", "EU", "US", "US", "IN", "IN",
            "VN",
            "VN", "RU", "RU", "ID", "SA", "TR", "KR", "JP", "BR", "NG", "KE", "AU", "GB", "SG", "TH", "MY", "PK" };
    static final String[] MECHANISMS = { "SECURITY_ASSESSMENT", "SECURITY_ASSESSMENT", "STANDARD_CONTRACT",
            "STANDARD_CONTRACT", "CERTIFICATION", "ADEQUACY", "CONSENT", "CONSENT", "EXEMPTION",
            "GOVERNMENT_ACCESS", "BINDING_CORPORATE_RULES" };
    static final String[] DATA = { "PERSONAL_INFORMATION", "PERSONAL_INFORMATION", "PERSONAL_INFORMATION",
            "IMPORTANT_DATA", "IMPORTANT_DATA", "FINANCIAL_DATA", "SENSITIVE_PERSONAL_INFORMATION", "HEALTH_DATA",
            "VEHICLE_DATA",
            "GOVERNMENT_DATA", "OTHER" };
    static final String[] MODALITIES = { "REQUIREMENT", "REQUIREMENT", "REQUIREMENT", "PROHIBITION", "PERMISSION",
            "REPORT", "REPORT" };
    static final String[] COMPANIES = { "Tesla", "ByteDance", "Didi", "Apple", "Alibaba Cloud", "Visa", "Mastercard",
            "Grab", "Shopee", "Zoom", "Meta", "Tencent", "a Vietnamese bank", "an Indian payment firm", "a carmaker" };
    static final String[] COUNTRIES = { "China", "India", "Vietnam", "Russia", "Indonesia", "the EU",
            "the United States",
            "Saudi Arabia", "Turkey", "Nigeria", "Kenya", "Brazil" };
    static final String[] EN = {
            "%s must store personal information collected in %s on servers located in %s.",
            "Operators shall not transfer important data abroad without passing a security assessment organised by the regulator of %s (%s, %s).",
            "%s is seeking approval to transfer data collected in %s overseas under a standard contract with %s.",
            "Payment system providers in %s shall ensure that the entire payment data of %s is stored only in %s.",
            "Personal data may be transferred to %s only with the explicit consent of the data subject, %s said in %s.",
            "The regulator of %s fined %s for moving health data to %s without a certification.",
            "%s announced that all data of its users in %s will be kept in a local data centre in %s.",
            "Cross-border transfers of vehicle data by %s from %s to %s require a prior assessment.",
    };
    static final String[] ZH = {
            "%s在境内运营中收集和产生的个人信息和重要数据应当在%s境内存储，确需向%s提供的应当进行安全评估。",
            "数据处理者向境外提供个人信息的，应当与境外接收方订立标准合同，%s与%s已于%s完成备案。",
            "%s表示，其在%s收集的用户数据将全部存储在%s的本地数据中心。",
            "未经主管部门批准，%s不得向%s的司法或者执法机构提供存储于%s境内的数据。",
            "%s申请将在%s收集的汽车数据出境至%s，目前正在接受国家网信部门的数据出境安全评估。",
            "关键信息基础设施运营者%s因向%s传输重要数据被处罚，相关数据原存储于%s。",
    };
    static final String[] ZH_NAMES = { "特斯拉", "滴滴", "字节跳动", "苹果公司", "阿里云", "某银行", "某支付机构", "某车企",
            "中国", "越南", "俄罗斯", "印度", "欧盟", "美国", "境外" };

    private FindingsGenerator() {
    }

    /** Inserts documents until {@code findings} findings exist among them; returns the number of documents. */
    public static int generate(Connection c, int findings, long seed) throws SQLException {
        SplittableRandom r = new SplittableRandom(seed);
        c.setAutoCommit(false);
        long docId = maxId(c, "documents") + 1_000;
        long passageId = maxId(c, "passages") + 1_000;
        long findingId = maxId(c, "findings") + 1_000;
        LocalDate start = LocalDate.of(2021, 1, 1);
        int days = 5 * 365;
        int made = 0;
        int documents = 0;
        try (PreparedStatement doc = c.prepareStatement("insert into documents (id, title, language, jurisdiction, "
                + "published_at, content_hash, text, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement pas = c.prepareStatement("insert into passages (id, document_id, idx, start_offset, "
                        + "end_offset, text, language) values (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement fin = c
                        .prepareStatement("insert into findings (id, passage_id, document_id, language, "
                                + "occurred_on, category, confidence, modality, mechanisms, jurisdictions, data_categories, "
                                + "evidence, ruleset_version, review_status, created_at, reviewed_by, reviewed_at) values "
                                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'bench', ?, ?, ?, ?)")) {
            while (made < findings) {
                boolean zh = r.nextInt(100) < 45;
                String lang = zh ? "zh" : "en";
                LocalDate date = start.plusDays(r.nextInt(days));
                int passages = 8 + r.nextInt(9);
                StringBuilder text = new StringBuilder();
                List<Object[]> passageRows = new ArrayList<>();
                for (int i = 0; i < passages; i++) {
                    String p = sentence(r, zh) + (zh ? "（编号" : " (Ref. ") + r.nextInt(1_000_000) + (zh ? "）" : ")");
                    int s = text.length();
                    text.append(p).append(zh ? "" : " ");
                    passageRows.add(new Object[] { passageId++, i, s, s + p.length(), p });
                }
                long id = docId++;
                String docJurisdiction = JURISDICTIONS[r.nextInt(JURISDICTIONS.length)];
                doc.setLong(1, id);
                doc.setString(2, (zh ? "关于数据出境的规定 " : "Data transfer rules and news ") + id);
                doc.setString(3, lang);
                doc.setString(4, docJurisdiction);
                doc.setDate(5, Date.valueOf(date));
                doc.setString(6, "bench-" + seed + "-" + id);
                doc.setString(7, text.toString());
                doc.setTimestamp(8, Timestamp.from(Instant.now()));
                doc.addBatch();
                documents++;
                for (Object[] p : passageRows) {
                    long pid = (Long) p[0];
                    int s = (Integer) p[2];
                    String ptext = (String) p[4];
                    pas.setLong(1, pid);
                    pas.setLong(2, id);
                    pas.setInt(3, (Integer) p[1]);
                    pas.setInt(4, s);
                    pas.setInt(5, (Integer) p[3]);
                    pas.setString(6, ptext);
                    pas.setString(7, lang);
                    pas.addBatch();
                    // most passages of such documents carry one finding, some both categories, some none
                    int roll = r.nextInt(100);
                    List<String> categories = roll < 10
                            ? List.of()
                            : roll < 75
                                    ? List.of(r.nextBoolean() ? "CROSS_BORDER_TRANSFER" : "DATA_LOCALIZATION")
                                    : List.of("DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER");
                    for (String category : categories) {
                        if (made >= findings) {
                            break;
                        }
                        int evStart = s + r.nextInt(Math.max(1, ptext.length() / 2));
                        int evEnd = Math.min(s + ptext.length(), evStart + 4 + r.nextInt(12));
                        String evidence = "[{\"start\":" + evStart + ",\"end\":" + evEnd + ",\"text\":\""
                                + ptext.substring(evStart - s, evEnd - s).replace("\\", "").replace("\"", "")
                                + "\",\"cue\":\"bench\"}]";
                        int review = r.nextInt(100);
                        String status = review < 90 ? "UNREVIEWED" : review < 97 ? "CONFIRMED" : "REJECTED";
                        fin.setLong(1, findingId++);
                        fin.setLong(2, pid);
                        fin.setLong(3, id);
                        fin.setString(4, lang);
                        fin.setDate(5, Date.valueOf(date));
                        fin.setString(6, category);
                        fin.setDouble(7, Confidence.rounded(0.3 + r.nextDouble() * 0.69));
                        fin.setString(8, MODALITIES[r.nextInt(MODALITIES.length)]);
                        fin.setArray(9, array(c, pick(r, MECHANISMS, r.nextInt(3))));
                        List<String> js = pick(r, JURISDICTIONS, 1 + r.nextInt(2));
                        if (r.nextInt(100) < 60 && !js.contains(docJurisdiction)) {
                            js.add(docJurisdiction);
                        }
                        fin.setArray(10, array(c, js));
                        fin.setArray(11, array(c, pick(r, DATA, 1 + r.nextInt(2))));
                        fin.setString(12, evidence);
                        fin.setString(13, status);
                        fin.setTimestamp(14, Timestamp.from(Instant.now()));
                        fin.setString(15, status.equals("UNREVIEWED") ? null : "bench");
                        fin.setTimestamp(16, status.equals("UNREVIEWED") ? null : Timestamp.from(Instant.now()));
                        fin.addBatch();
                        made++;
                    }
                }
                if (documents % 200 == 0) {
                    doc.executeBatch();
                    pas.executeBatch();
                    fin.executeBatch();
                }
            }
            doc.executeBatch();
            pas.executeBatch();
            fin.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            // Hibernate allocates ids in blocks from these sequences; move them past the generated ids
            s.execute(
                    "select setval('documents_seq', " + (docId + 100) + "), setval('passages_seq', " + (passageId + 100)
                            + "), setval('findings_seq', " + (findingId + 100) + ")");
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("analyze documents");
            s.execute("analyze passages");
            s.execute("analyze findings");
        }
        return documents;
    }

    private static String sentence(SplittableRandom r, boolean zh) {
        if (zh) {
            String t = ZH[r.nextInt(ZH.length)];
            return String.format(t, ZH_NAMES[r.nextInt(ZH_NAMES.length)], ZH_NAMES[r.nextInt(ZH_NAMES.length)],
                    ZH_NAMES[r.nextInt(ZH_NAMES.length)]);
        }
        String t = EN[r.nextInt(EN.length)];
        return String.format(t, COMPANIES[r.nextInt(COMPANIES.length)], COUNTRIES[r.nextInt(COUNTRIES.length)],
                COUNTRIES[r.nextInt(COUNTRIES.length)]);
    }

    private static List<String> pick(SplittableRandom r, String[] values, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String v = values[r.nextInt(values.length)];
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        out.sort(null);
        return out;
    }

    private static Array array(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray());
    }

    private static long maxId(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
