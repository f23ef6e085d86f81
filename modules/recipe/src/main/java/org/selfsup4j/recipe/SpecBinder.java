package org.selfsup4j.recipe;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.SelfsupException;

/**
 * Binds YAML sections to spec records and back (DESIGN.md principle 5).
 *
 * <p>A section binds to a record by its components' snake_case names, starting from the record's
 * current value (or its static {@code defaults()}), so a recipe states only what differs. A component
 * whose type is a {@link Registry} family is chosen by the section's {@code type} key. Unknown keys,
 * wrong kinds of value and the records' own range checks all become one-line errors at
 * {@code file:line} with the full key; unknown keys and types get a "did you mean".
 */
final class SpecBinder {
    private SpecBinder() {}

    static Object bind(Type target, YamlNode node, Object current, String key) {
        if (target instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            if (!(node instanceof YamlNode.Sequence seq)) {
                throw SelfsupException.of(node.where(), key, "a list", describe(node), null);
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(bind(pt.getActualTypeArguments()[0], seq.items().get(i), null, key + "[" + i + "]"));
            }
            return out;
        }
        Class<?> c = (Class<?>) target;
        if (c.isRecord() || Registry.isFamily(c)) {
            if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN && s.text().equals("false")) {
                return null;
            }
            if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
                return current != null ? current : c.isRecord() ? defaults(c) : null;
            }
            if (!(node instanceof YamlNode.Mapping m)) {
                throw SelfsupException.of(node.where(), key, "a section (key: value lines)", describe(node), null);
            }
            return c.isRecord() ? bindRecord(c, m, current, key) : bindMember(c, m, current, key);
        }
        return scalar(c, node, key);
    }

    private static Object bindMember(Class<?> family, YamlNode.Mapping m, Object current, String key) {
        YamlNode typeNode = m.entries().get("type");
        Class<?> member;
        if (typeNode == null) {
            if (current == null) {
                throw SelfsupException.of(m.where(), key + ".type", "given", "no type", "one of " + typeNames(family));
            }
            member = current.getClass();
        } else {
            String type = (String) scalar(String.class, typeNode, key + ".type");
            member = Registry.lookup(family, type);
            if (member == null) {
                String hint = Names.suggestion(type, typeNames(family));
                throw SelfsupException.of(typeNode.where(), key + ".type", "one of " + typeNames(family), "'" + type + "'",
                        hint);
            }
        }
        return bindRecord(member, m, member.isInstance(current) ? current : null, key);
    }

    private static Object bindRecord(Class<?> rc, YamlNode.Mapping m, Object current, String key) {
        RecordComponent[] comps = rc.getRecordComponents();
        Object base = current != null ? current : defaults(rc);
        Object[] values = new Object[comps.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < comps.length; i++) {
            names.add(Names.snake(comps[i].getName()));
            values[i] = base == null ? null : get(comps[i], base);
        }
        boolean member = Registry.typeName(rc) != null;
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String k = e.getKey();
            if (member && k.equals("type")) {
                continue;
            }
            int idx = names.indexOf(k);
            String full = key.isEmpty() ? k : key + "." + k;
            if (idx < 0) {
                throw SelfsupException.of(m.keyWhere().get(k), "key '" + full + "'", "one of " + names,
                        "an unknown key", Names.suggestion(k, names));
            }
            values[idx] = bind(comps[idx].getGenericType(), e.getValue(), values[idx], full);
        }
        for (int i = 0; i < comps.length; i++) {
            if (values[i] == null && comps[i].getType().isPrimitive()) {
                String full = key.isEmpty() ? names.get(i) : key + "." + names.get(i);
                throw SelfsupException.of(m.where(), full, "given", "nothing", null);
            }
        }
        try {
            Constructor<?> ctor = rc.getDeclaredConstructor(Arrays.stream(comps).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SelfsupException se) {
                String where = m.keyWhere().getOrDefault(se.where(), m.where());
                throw se.relocate(where, key.isEmpty() ? se.where() : key + "." + se.where());
            }
            throw new IllegalStateException("spec " + rc.getSimpleName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("spec " + rc.getSimpleName() + " is not a bindable record", e);
        }
    }

    private static Object scalar(Class<?> c, YamlNode node, String key) {
        if (!(node instanceof YamlNode.Scalar s) || s.kind() == YamlNode.Kind.NULL) {
            throw SelfsupException.of(node.where(), key, "a single value", describe(node), null);
        }
        String t = s.text().trim();
        if (c == String.class) {
            return s.text();
        }
        if (c == boolean.class || c == Boolean.class) {
            if (s.kind() != YamlNode.Kind.BOOLEAN) {
                throw SelfsupException.of(s.where(), key, "true or false", "'" + t + "'", null);
            }
            return Boolean.parseBoolean(t);
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            long v;
            try {
                v = Long.parseLong(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw SelfsupException.of(s.where(), key, "an integer", "'" + t + "'", null);
            }
            if ((c == int.class || c == Integer.class) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                throw SelfsupException.of(s.where(), key, "a 32-bit integer", t, null);
            }
            return (c == int.class || c == Integer.class) ? (Object) (int) v : (Object) v;
        }
        if (c == double.class || c == Double.class) {
            if (s.kind() == YamlNode.Kind.BOOLEAN) {
                throw SelfsupException.of(s.where(), key, "a number", "'" + t + "'", null);
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw SelfsupException.of(s.where(), key, "a number", "'" + t + "'", null);
            }
        }
        throw new IllegalStateException("no binding for " + c);
    }

    /**
     * Turns a spec tree back into plain maps and lists (family members get their {@code type} first).
     *
     * @param value a record, list or scalar
     * @return maps, lists and scalars
     */
    static Object unbind(Object value) {
        if (value instanceof Record r) {
            Map<String, Object> m = new LinkedHashMap<>();
            String type = Registry.typeName(r.getClass());
            if (type != null) {
                m.put("type", type);
            }
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                Object v = get(rc, r);
                boolean section = rc.getType().isRecord() || Registry.isFamily(rc.getType());
                // an absent optional section is written as false: an empty one would mean "defaults"
                m.put(Names.snake(rc.getName()), v == null && section ? Boolean.FALSE : unbind(v));
            }
            return m;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SpecBinder::unbind).toList();
        }
        return value;
    }

    static Object defaults(Class<?> rc) {
        try {
            Method m = rc.getMethod("defaults");
            return m.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(rc + ".defaults() failed", e);
        }
    }

    private static Object get(RecordComponent rc, Object r) {
        try {
            return rc.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> typeNames(Class<?> family) {
        return Registry.members(family).stream().map(Registry::typeName).toList();
    }

    private static String describe(YamlNode node) {
        if (node instanceof YamlNode.Mapping) {
            return "a section";
        }
        if (node instanceof YamlNode.Sequence) {
            return "a list";
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        return s.kind() == YamlNode.Kind.NULL ? "nothing" : "'" + s.text() + "'";
    }
}
